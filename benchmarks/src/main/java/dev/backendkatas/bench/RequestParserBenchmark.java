package dev.backendkatas.bench;

import dev.backendkatas.requestparsing.HttpParseException;
import dev.backendkatas.requestparsing.HttpRequest;
import dev.backendkatas.requestparsing.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the reference {@link RequestParser} of kata 01: how many requests per second one thread parses.
 *
 * <p>Each operation parses complete input with a fresh parser (one connection's worth), so the cost of creating a
 * parser is included, as it is for a server that makes one per connection. The parsed requests are returned so the
 * JIT cannot discard the work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestParserBenchmark {

    /** In {@link #pipelinedSmallGets()}, how many requests one operation parses. */
    static final int PIPELINED = 16;
    /** In {@link #largePostInSlices()}, how many bytes each call to feed gets: a slow, fragmenting network. */
    static final int SLICE = 64;

    private static final String SMALL_GET = "GET /index.html?lang=en HTTP/1.1\r\n"
            + "Host: example.com\r\n"
            + "User-Agent: bench/1.0\r\n"
            + "Accept: text/html,application/xhtml+xml\r\n"
            + "Accept-Encoding: gzip, deflate\r\n"
            + "Connection: keep-alive\r\n"
            + "\r\n";

    private byte[] smallGet;
    private byte[] largePost;
    private byte[] pipelined;

    @Setup
    public void setUp() {
        smallGet = ascii(SMALL_GET);

        byte[] body = new byte[1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        byte[] head = ascii("POST /api/items HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n");
        largePost = new byte[head.length + body.length];
        System.arraycopy(head, 0, largePost, 0, head.length);
        System.arraycopy(body, 0, largePost, head.length, body.length);

        pipelined = ascii(SMALL_GET.repeat(PIPELINED));
    }

    /** (a) One small GET with typical browser-ish headers, fed in one call. */
    @Benchmark
    public List<HttpRequest> smallGet() throws HttpParseException {
        return expect(1, new RequestParser().feed(smallGet));
    }

    /** (b) A POST with a 1 KiB body framed by Content-Length, fed in one call. */
    @Benchmark
    public List<HttpRequest> largePost() throws HttpParseException {
        return expect(1, new RequestParser().feed(largePost));
    }

    /**
     * (c) 16 pipelined small GETs arriving in one buffer, as one read of a pipelining client would deliver them.
     * One operation is 16 requests: requests per second = ops/s × 16.
     */
    @Benchmark
    public List<HttpRequest> pipelinedSmallGets() throws HttpParseException {
        return expect(PIPELINED, new RequestParser().feed(pipelined));
    }

    /** (d) The same 1 KiB POST as (b), fed 64 bytes per call: the parser's state must carry across every call. */
    @Benchmark
    public HttpRequest largePostInSlices() throws HttpParseException {
        RequestParser parser = new RequestParser();
        HttpRequest request = null;
        for (int offset = 0; offset < largePost.length; offset += SLICE) {
            List<HttpRequest> done = parser.feed(largePost, offset, Math.min(SLICE, largePost.length - offset));
            if (!done.isEmpty()) {
                request = done.get(0);
            }
        }
        if (request == null) {
            throw new IllegalStateException("the sliced POST did not complete");
        }
        return request;
    }

    /** A benchmark that measures a parser returning the wrong thing would measure nothing useful. */
    private static List<HttpRequest> expect(int count, List<HttpRequest> requests) {
        if (requests.size() != count) {
            throw new IllegalStateException("expected " + count + " requests, parsed " + requests.size());
        }
        return requests;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
