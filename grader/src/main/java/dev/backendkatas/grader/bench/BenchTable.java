package dev.backendkatas.grader.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Your code, the reference and the production peers side by side, one row per case, with the ratios of your score
 * to each of theirs. A ratio above 1 means your code is faster (in throughput mode: more operations per second).
 *
 * @param kata      the kata's folder name
 * @param benchmark the benchmark class
 * @param mode      how long it measured
 * @param peers     the production peers' names, in the benchmark's order
 * @param rows      one per case, in the benchmark's order
 */
public record BenchTable(String kata, String benchmark, BenchMode mode, List<String> peers, List<Row> rows) {

    /** The implementation name of the kata's own code in every benchmark. */
    public static final String KATA = "kata";

    public BenchTable {
        peers = List.copyOf(peers);
        rows = List.copyOf(rows);
    }

    /** One case: the scores of each implementation (empty where a run gave none). */
    public record Row(String benchmark, String unit, Optional<BenchScore> yours, Optional<BenchScore> reference,
                      Map<String, Optional<BenchScore>> peers) {

        /** Your score divided by theirs, empty if either is missing, NaN or zero. */
        public Optional<Double> ratioTo(Optional<BenchScore> theirs) {
            if (yours.isEmpty() || theirs.isEmpty()) {
                return Optional.empty();
            }
            double ratio = yours.get().score() / theirs.get().score();
            return Double.isFinite(ratio) ? Optional.of(ratio) : Optional.empty();
        }
    }

    /**
     * Pairs the learner's run ({@code impl=kata} on your code) with the reference run (every impl on the reference).
     */
    public static BenchTable of(String kata, String benchmark, BenchMode mode, List<BenchScore> yours,
                                List<BenchScore> reference) {
        Set<String> cases = new LinkedHashSet<>();
        Set<String> peers = new LinkedHashSet<>();
        for (BenchScore score : reference) {
            cases.add(score.benchmark());
            if (!score.impl().equals(KATA)) {
                peers.add(score.impl());
            }
        }
        yours.forEach(score -> cases.add(score.benchmark()));
        List<Row> rows = new ArrayList<>();
        for (String name : cases) {
            Optional<BenchScore> mine = find(yours, name, KATA);
            Optional<BenchScore> ref = find(reference, name, KATA);
            Map<String, Optional<BenchScore>> peerScores = new LinkedHashMap<>();
            peers.forEach(peer -> peerScores.put(peer, find(reference, name, peer)));
            String unit = mine.or(() -> ref).map(BenchScore::unit).orElse("");
            rows.add(new Row(name, unit, mine, ref, peerScores));
        }
        return new BenchTable(kata, benchmark, mode, List.copyOf(peers), rows);
    }

    private static Optional<BenchScore> find(List<BenchScore> scores, String benchmark, String impl) {
        return scores.stream().filter(s -> s.benchmark().equals(benchmark) && s.impl().equals(impl)).findFirst();
    }

    /** The table as text, aligned in columns. */
    public String render() {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("case", "unit", "your code", "reference"));
        peers.forEach(header::add);
        header.add("you/ref");
        peers.forEach(peer -> header.add("you/" + peer));
        lines.add(header);
        for (Row row : rows) {
            List<String> line = new ArrayList<>(List.of(row.benchmark(), row.unit(), cell(row.yours()),
                    cell(row.reference())));
            peers.forEach(peer -> line.add(cell(row.peers().get(peer))));
            line.add(ratio(row.ratioTo(row.reference())));
            peers.forEach(peer -> line.add(ratio(row.ratioTo(row.peers().get(peer)))));
            lines.add(line);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                // Names left-aligned, numbers right-aligned, so that digits line up.
                String format = i < 2 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                text.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, line.get(i)));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The table as a tree of maps and lists, for {@code --json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kata", kata);
        json.put("benchmark", benchmark);
        json.put("mode", mode.name().toLowerCase(Locale.ROOT));
        json.put("peers", peers);
        List<Object> jsonRows = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("case", row.benchmark());
            r.put("unit", row.unit());
            r.put("yours", score(row.yours()));
            r.put("reference", score(row.reference()));
            Map<String, Object> peerScores = new LinkedHashMap<>();
            Map<String, Object> peerRatios = new LinkedHashMap<>();
            for (String peer : peers) {
                peerScores.put(peer, score(row.peers().get(peer)));
                peerRatios.put(peer, row.ratioTo(row.peers().get(peer)).orElse(null));
            }
            r.put("peers", peerScores);
            r.put("ratioToReference", row.ratioTo(row.reference()).orElse(null));
            r.put("ratioToPeers", peerRatios);
            jsonRows.add(r);
        }
        json.put("rows", jsonRows);
        return json;
    }

    private static Object score(Optional<BenchScore> score) {
        if (score.isEmpty()) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("score", finiteOrNull(score.get().score()));
        s.put("error", finiteOrNull(score.get().error()));
        return s;
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String cell(Optional<BenchScore> score) {
        if (score.isEmpty()) {
            return "-";
        }
        String text = number(score.get().score());
        return Double.isFinite(score.get().error()) ? text + " ± " + number(score.get().error()) : text;
    }

    /** Three significant digits at least, grouped: 812,346 · 1,234 · 12.3 · 0.0123. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "?";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String ratio(Optional<Double> ratio) {
        // Two decimals, or two significant digits for a ratio below 0.1 (0.00× would hide the difference).
        return ratio.map(r -> String.format(Locale.ROOT, r < 0.1 ? "%.2g×" : "%.2f×", r)).orElse("-");
    }
}
