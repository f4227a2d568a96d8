package dev.backendkatas.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Holds N concurrent long polls on a server and completes them all with one event: kata 03's reference
 * ({@code reference}, 4 request threads, held polls kept as data) against a thread-per-waiter server ({@code naive}).
 *
 * <p>Not JMH: one measurement is "5,000 sockets opened, held, answered", seconds long and stateful, which JMH's
 * iterations do not fit. Each variant runs in a fresh server JVM ({@link LongPollServerProcess}) so that its heap and
 * thread counts are its own; this JVM drives it and is the only client. Per repetition: open N connections and send
 * {@code GET /events?after=<last>&wait=30} on each, wait until the server holds all N, read the server's heap (after
 * a full GC) and thread count, then send {@code publish} and time until the last of the N responses is read. One
 * warm-up repetition is not reported.
 *
 * <pre>java -cp benchmarks/03-long-polling/target/benchmarks.jar dev.backendkatas.bench.LongPollBenchmark reference 5000 3</pre>
 */
public final class LongPollBenchmark {

    private LongPollBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "reference";
        int polls = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                LongPollServerProcess.class.getName(), variant).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            int port = Integer.parseInt(out.readLine().substring("port ".length()));
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            Stats idle = stats(in, out);
            System.out.printf(Locale.ROOT, "%s server, idle: heap %.1f MiB, %d threads, resident %.1f MiB%n", variant,
                    mib(idle.heap), idle.threads, idle.rssKib / 1024.0);
            long cursor = 0;
            List<Double> millis = new ArrayList<>();
            for (int rep = 0; rep <= repetitions; rep++) {
                try (PollClients clients = new PollClients(address)) {
                    clients.send(polls, "/events?after=" + cursor + "&wait=30");
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (Integer.parseInt(ask(in, out, "held")) < polls) {
                        if (System.nanoTime() > until) {
                            throw new IOException("the server holds only " + ask(in, out, "held") + " of " + polls);
                        }
                        Thread.sleep(20);
                    }
                    Stats held = stats(in, out);
                    long start = System.nanoTime();
                    in.println("publish");
                    long last = clients.awaitAll(TimeUnit.SECONDS.toNanos(60));
                    cursor = Long.parseLong(out.readLine().substring("published ".length()));
                    double ms = (last - start) / 1e6;
                    if (clients.ok() != polls) {
                        throw new IOException(clients.ok() + " of " + polls + " responses were 200");
                    }
                    String label = rep == 0 ? "warm-up" : "rep " + rep;
                    System.out.printf(Locale.ROOT,
                            "%s %s: %d polls held: heap %.1f MiB (+%.1f KiB per poll), %d threads (peak %d), "
                                    + "resident %.1f MiB; publish → last of %d responses: %.1f ms%n",
                            variant, label, polls, mib(held.heap), (held.heap - idle.heap) / 1024.0 / polls,
                            held.threads, held.peak, held.rssKib / 1024.0, polls, ms);
                    if (rep > 0) {
                        millis.add(ms);
                    }
                }
            }
            millis.sort(null);
            System.out.printf(Locale.ROOT, "%s: completion of %d polls, median of %d: %.1f ms (min %.1f, max %.1f)%n",
                    variant, polls, millis.size(), millis.get(millis.size() / 2), millis.get(0),
                    millis.get(millis.size() - 1));
            ask(in, out, "quit");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Stats(long heap, int threads, int peak, long rssKib) {
    }

    private static Stats stats(PrintWriter in, BufferedReader out) throws IOException {
        String[] words = ask(in, out, "stats").split(" ");
        return new Stats(Long.parseLong(words[1]), Integer.parseInt(words[3]), Integer.parseInt(words[5]),
                Long.parseLong(words[7]));
    }

    private static String ask(PrintWriter in, BufferedReader out, String command) throws IOException {
        in.println(command);
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the server process ended");
        }
        return line;
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
