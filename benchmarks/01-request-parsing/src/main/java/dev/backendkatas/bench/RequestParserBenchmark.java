package dev.backendkatas.bench;

import dev.backendkatas.requestparsing.HttpParseException;
import dev.backendkatas.requestparsing.HttpRequest;
import dev.backendkatas.requestparsing.RequestParser;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kata 01: how many requests per second one thread parses, with the kata's {@link RequestParser} ({@code impl=kata}:
 * the reference, or your code under {@code ./grade bench 01}) and with Netty 4.2's {@code HttpRequestDecoder}
 * ({@code impl=netty}), on the same bytes, sliced the same way.
 *
 * <p>Each side parses on one persistent connection: one parser (Netty: one {@link EmbeddedChannel} with
 * {@code HttpRequestDecoder} and {@code HttpObjectAggregator}, so that both sides produce whole requests with their
 * bodies) made once per trial and fed request after request, as a server does on a keep-alive connection. So the
 * score is the parsing, not the cost of setting up a connection, which is far higher for a Netty pipeline than for a
 * parser object. Each side checks it parsed the expected number of requests: a benchmark of a parser that returns the
 * wrong thing would measure nothing.
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

    /** Whose parser: {@code kata} (listed first: ./grade bench swaps in your code for it) or {@code netty}. */
    @Param({"kata", "netty"})
    public String impl;

    private Decoder decoder;
    private byte[] smallGet;
    private byte[] largePost;
    private byte[] pipelined;

    @Setup
    public void setUp() {
        decoder = impl.equals("netty") ? new NettyDecoder() : new KataDecoder();
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
    public int smallGet() throws Exception {
        return expect(1, decoder.parse(smallGet, smallGet.length));
    }

    /** (b) A POST with a 1 KiB body framed by Content-Length, fed in one call. */
    @Benchmark
    public int largePost() throws Exception {
        return expect(1, decoder.parse(largePost, largePost.length));
    }

    /**
     * (c) 16 pipelined small GETs arriving in one buffer, as one read of a pipelining client would deliver them.
     * One operation is 16 requests: requests per second = ops/s × 16.
     */
    @Benchmark
    public int pipelinedSmallGets() throws Exception {
        return expect(PIPELINED, decoder.parse(pipelined, pipelined.length));
    }

    /** (d) The same 1 KiB POST as (b), fed 64 bytes per call: the parser's state must carry across every call. */
    @Benchmark
    public int largePostInSlices() throws Exception {
        return expect(1, decoder.parse(largePost, SLICE));
    }

    private static int expect(int count, int parsed) {
        if (parsed != count) {
            throw new IllegalStateException("expected " + count + " requests, parsed " + parsed);
        }
        return parsed;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** One side of the comparison: one connection's parser, fed {@code input} in {@code slice}-byte reads. */
    private interface Decoder {
        int parse(byte[] input, int slice) throws Exception;
    }

    private static final class KataDecoder implements Decoder {
        private final RequestParser parser = new RequestParser();

        @Override
        public int parse(byte[] input, int slice) throws HttpParseException {
            int requests = 0;
            for (int offset = 0; offset < input.length; offset += slice) {
                List<HttpRequest> done = parser.feed(input, offset, Math.min(slice, input.length - offset));
                requests += done.size();
            }
            return requests;
        }
    }

    private static final class NettyDecoder implements Decoder {
        private final EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder(),
                new HttpObjectAggregator(64 * 1024));

        @Override
        public int parse(byte[] input, int slice) {
            for (int offset = 0; offset < input.length; offset += slice) {
                channel.writeInbound(Unpooled.wrappedBuffer(input, offset, Math.min(slice, input.length - offset)));
            }
            int requests = 0;
            for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
                FullHttpRequest request = (FullHttpRequest) message;
                if (request.decoderResult().isSuccess()) {
                    requests++;
                }
                request.release();
            }
            return requests;
        }
    }
}
