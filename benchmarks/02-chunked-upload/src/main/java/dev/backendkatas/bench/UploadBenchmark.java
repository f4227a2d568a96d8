package dev.backendkatas.bench;

import dev.backendkatas.chunkedupload.UploadServer;
import dev.backendkatas.chunkedupload.UploadServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kata 02: how fast a 16 MiB upload lands on disk, in MiB per second (one operation is one 1 MiB chunk), through the
 * kata's tus server ({@code impl=kata}: the reference, or your code under {@code ./grade bench 02}) and as a plain
 * sequential file write of the same bytes ({@code impl=filewrite}): the disk's own limit.
 *
 * <p>The kata's side is one client thread with the JDK {@code HttpClient} over loopback: a POST, sixteen PATCHes of
 * 1 MiB, then a DELETE so the disk does not fill up. The server forces each chunk to disk before it acknowledges it,
 * so the file write forces each chunk too ({@code FileChannel.force(true)}): the same durability, without HTTP, the
 * record file and the offset bookkeeping. The gap between the two is what the protocol and the server cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UploadBenchmark {

    static final int CHUNK = 1 << 20;
    static final int CHUNKS = 16;

    /** Whose write path: {@code kata} (listed first: ./grade bench swaps in your code for it) or a plain file. */
    @Param({"kata", "filewrite"})
    public String impl;

    private final byte[] chunk = new byte[CHUNK];
    private Path root;
    private UploadServer server;
    private HttpClient client;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        new Random(2).nextBytes(chunk);
        root = Files.createTempDirectory("upload-bench");
        if (impl.equals("kata")) {
            server = new UploadServer(UploadServerConfig.of(root, (long) CHUNK * CHUNKS));
            server.start();
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long upload16MiB() throws IOException, InterruptedException {
        return server == null ? writeFile() : uploadThroughServer();
    }

    private long writeFile() throws IOException {
        Path file = root.resolve("plain.bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (int i = 0; i < CHUNKS; i++) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        }
        long size = Files.size(file);
        Files.delete(file);
        return size;
    }

    private long uploadThroughServer() throws IOException, InterruptedException {
        HttpResponse<Void> created = send(tus(server.endpoint())
                .header("Upload-Length", Long.toString((long) CHUNK * CHUNKS))
                .POST(BodyPublishers.noBody()), 201);
        URI upload = server.endpoint().resolve(created.headers().firstValue("Location").orElseThrow());
        long offset = 0;
        for (int i = 0; i < CHUNKS; i++) {
            HttpResponse<Void> patched = send(tus(upload)
                    .header("Upload-Offset", Long.toString(offset))
                    .header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", BodyPublishers.ofByteArray(chunk)), 204);
            offset = Long.parseLong(patched.headers().firstValue("Upload-Offset").orElseThrow());
        }
        if (offset != (long) CHUNK * CHUNKS) {
            throw new IllegalStateException("the server acknowledged " + offset + " bytes of " + CHUNK * CHUNKS);
        }
        send(tus(upload).DELETE(), 204);
        return offset;
    }

    private static HttpRequest.Builder tus(URI uri) {
        return HttpRequest.newBuilder(uri).header("Tus-Resumable", "1.0.0");
    }

    private HttpResponse<Void> send(HttpRequest.Builder request, int expected) throws IOException,
            InterruptedException {
        HttpResponse<Void> response = client.send(request.build(), BodyHandlers.discarding());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " answered "
                    + response.statusCode() + ", expected " + expected);
        }
        return response;
    }
}
