package dev.backendkatas.grader.watch;

import dev.backendkatas.grader.report.EverySecond;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * The line that says a run is in progress, what it is doing and for how long: {@code [run 3] running tests… 4 s}.
 * On a terminal it is redrawn in place every second and erased when the run ends; elsewhere (a pipe, an IDE console)
 * each phase is printed once, so a log stays readable.
 */
final class RunTicker implements AutoCloseable {

    private final PrintWriter out;
    private final int run;
    private final boolean inPlace;
    private final long start = System.nanoTime();
    private volatile String phase = "starting";
    private final EverySecond redraw;

    RunTicker(PrintWriter out, int run, boolean inPlace) {
        this.out = out;
        this.run = run;
        this.inPlace = inPlace;
        this.redraw = new EverySecond("watch-ticker", inPlace, this::draw);
    }

    /** The run entered {@code name}: "compiling", "running tests". */
    void phase(String name) {
        phase = name;
        if (inPlace) {
            draw();
        } else {
            print("[run " + run + "] " + name + "…\n");
        }
    }

    private void draw() {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        print("\r\u001b[K[run " + run + "] " + phase + "… " + seconds + " s");
    }

    private void print(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    @Override
    public void close() {
        redraw.close();
        if (inPlace) {
            print("\r\u001b[K");
        }
    }
}
