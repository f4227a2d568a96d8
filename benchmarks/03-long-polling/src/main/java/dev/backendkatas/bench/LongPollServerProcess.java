package dev.backendkatas.bench;

import dev.backendkatas.longpolling.PollingServer;
import dev.backendkatas.longpolling.PollingServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server side of {@link LongPollBenchmark}, in a JVM of its own so that its heap and threads are the server's
 * alone. It starts one variant and then obeys one-line commands on standard input, answering each with one line on
 * standard output:
 * <ul>
 *   <li>{@code held} → how many polls are held right now;</li>
 *   <li>{@code stats} → {@code heap <bytes used after a full GC> threads <live> peak <peak> rss <resident KiB>}
 *       (the resident set, Linux only, -1 elsewhere: thread stacks live outside the heap);</li>
 *   <li>{@code publish} → appends one event (which completes the held polls) → {@code published <cursor>};</li>
 *   <li>{@code quit} → stops.</li>
 * </ul>
 * Variants: {@code reference} (kata 03's reference {@link PollingServer}, 4 request threads) and {@code naive}
 * ({@link ThreadPerWaiterServer}).
 */
public final class LongPollServerProcess {

    private LongPollServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "reference";
        PollingServer reference = null;
        ThreadPerWaiterServer naive = null;
        int port;
        if (variant.equals("reference")) {
            reference = new PollingServer(PollingServerConfig.defaults(), (input, progress) -> input);
            port = reference.start();
        } else if (variant.equals("naive")) {
            naive = new ThreadPerWaiterServer();
            port = naive.port();
        } else {
            throw new IllegalArgumentException("variant: reference or naive, not " + variant);
        }
        System.out.println("port " + port);
        System.out.flush();
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null) {
            switch (command) {
                case "held" -> System.out.println(reference != null ? reference.waiters().count() : naive.held());
                case "stats" -> {
                    System.gc();
                    System.gc();
                    System.out.println("heap " + memory.getHeapMemoryUsage().getUsed() + " threads "
                            + threadBean.getThreadCount() + " peak " + threadBean.getPeakThreadCount() + " rss " + residentKib());
                }
                case "publish" -> System.out.println("published "
                        + (reference != null ? reference.publish("go") : naive.publish("go")));
                case "quit" -> {
                    if (reference != null) {
                        reference.close();
                    } else {
                        naive.close();
                    }
                    System.out.println("bye");
                    System.out.flush();
                    System.exit(0);
                }
                default -> System.out.println("unknown " + command);
            }
            System.out.flush();
        }
    }

    /** VmRSS from /proc/self/status, in KiB; -1 where there is none. */
    private static long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no resident set to report.
        }
        return -1;
    }
}
