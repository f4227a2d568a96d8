package dev.backendkatas.grader.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tells when a kata's sources changed: blocks until a change, then until the folder has been quiet for the debounce
 * time, so an editor's save (often several writes and a rename) or a "save all" gives one re-grade, not five.
 *
 * <p>File events come from the JDK's {@link WatchService}, registered on every folder of the tree (it watches one
 * folder, not a tree). Where those events are known to be slow or missing it polls instead: on macOS the JDK's watch
 * service is itself a poller that looks every few seconds, and a network or container mount may send no events at all
 * ({@code --poll}). {@link #description()} says which, for the screen.
 */
public final class SourceWatcher implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /** One way of noticing changes: true when something changed within {@code millis}. */
    private interface Changes extends AutoCloseable {
        boolean await(long millis) throws InterruptedException;

        @Override
        void close();
    }

    private final Changes changes;
    private final Duration debounce;
    private final String description;

    private SourceWatcher(Changes changes, Duration debounce, String description) {
        this.changes = changes;
        this.debounce = debounce;
        this.description = description;
    }

    /**
     * @param root     the folder to watch, with everything below it
     * @param forcePoll poll even where file events are available
     */
    public static SourceWatcher start(Path root, Duration debounce, boolean forcePoll) {
        String pollingSays = "polling every " + POLL_INTERVAL.toMillis() + " ms";
        if (forcePoll) {
            return new SourceWatcher(new Polling(root), debounce, pollingSays + " (--poll)");
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return new SourceWatcher(new Polling(root), debounce, pollingSays + " (file events are slow on macOS)");
        }
        try {
            return new SourceWatcher(new Events(root), debounce, "file events");
        } catch (IOException | UnsupportedOperationException e) {
            return new SourceWatcher(new Polling(root), debounce, pollingSays + " (no file events here: " + e + ")");
        }
    }

    public String description() {
        return description;
    }

    /** Blocks until something changed and then stayed quiet for the debounce time; false once closed. */
    public boolean awaitChange() throws InterruptedException {
        try {
            while (!changes.await(Long.MAX_VALUE)) {
                // Nothing yet.
            }
            while (changes.await(debounce.toMillis())) {
                // Still changing: wait for a quiet spell.
            }
            return true;
        } catch (ClosedWatchServiceException e) {
            return false;
        }
    }

    @Override
    public void close() {
        changes.close();
    }

    /** The JDK watch service, on each folder of the tree; folders created later are registered as they appear. */
    private static final class Events implements Changes {
        private final WatchService service;

        Events(Path root) throws IOException {
            service = FileSystems.getDefault().newWatchService();
            registerTree(root);
        }

        private void registerTree(Path root) throws IOException {
            if (!Files.isDirectory(root)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path dir : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
                    dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                }
            }
        }

        @Override
        public boolean await(long millis) throws InterruptedException {
            WatchKey key = millis == Long.MAX_VALUE ? service.take() : service.poll(millis, TimeUnit.MILLISECONDS);
            if (key == null) {
                return false;
            }
            Path dir = (Path) key.watchable();
            for (var event : key.pollEvents()) {
                if (event.context() instanceof Path name && event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                    try {
                        registerTree(dir.resolve(name));
                    } catch (IOException e) {
                        // The folder went away again: nothing to watch.
                    }
                }
            }
            key.reset();
            return true;
        }

        @Override
        public void close() {
            try {
                service.close();
            } catch (IOException e) {
                // Closing is best effort.
            }
        }
    }

    /** Compares the size and modification time of every file, a few times a second. */
    private static final class Polling implements Changes {
        private final Path root;
        private Map<Path, String> last;
        private volatile boolean closed;

        Polling(Path root) {
            this.root = root;
            this.last = snapshot();
        }

        @Override
        public boolean await(long millis) throws InterruptedException {
            long deadline = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000;
            while (true) {
                if (closed) {
                    throw new ClosedWatchServiceException();
                }
                Map<Path, String> now = snapshot();
                if (!now.equals(last)) {
                    last = now;
                    return true;
                }
                long left = deadline == Long.MAX_VALUE ? POLL_INTERVAL.toMillis() : (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                Thread.sleep(Math.min(left, POLL_INTERVAL.toMillis()));
            }
        }

        private Map<Path, String> snapshot() {
            Map<Path, String> files = new HashMap<>();
            if (!Files.isDirectory(root)) {
                return files;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.forEach(p -> {
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        files.put(p, a.size() + "@" + a.lastModifiedTime().toMillis());
                    } catch (IOException e) {
                        // Deleted while walking: the next look sees it gone.
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                // A folder vanished mid-walk (a reset, a rename): compare again next time.
            }
            return files;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
