package dev.backendkatas.webrtcsignaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stage 4 of kata 09: the server-sent events wire format, written and parsed as {@code EventSource} parses it
 * (WHATWG HTML, "Server-sent events"); the README section of the same name teaches it.
 */
@Order(4)
@DisplayName("Stage 4 — Server-sent events")
class Stage4ServerSentEventsTest {

    /** A signaling stream: a heartbeat, the offer, a candidate, the end of candidates. */
    private static final String SIGNALING = ": connected\n\n"
            + "event: offer\nid: 1\ndata: v=0\ndata: o=- 1 2 IN IP4 127.0.0.1\n\n"
            + "event: candidate\nid: 2\ndata: candidate:1 1 udp 2122260223 192.168.1.2 50000 typ host\n\n"
            + "event: candidate\nid: 3\ndata:\n\n";

    private static final List<SseEvent> SIGNALING_EVENTS = List.of(
            new SseEvent("offer", "v=0\no=- 1 2 IN IP4 127.0.0.1", "1"),
            new SseEvent("candidate", "candidate:1 1 udp 2122260223 192.168.1.2 50000 typ host", "2"),
            new SseEvent("candidate", "", "3"));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<SseEvent> parseAll(String stream) {
        return new SseParser().feed(utf8(stream));
    }

    private static String written(IoAction action) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        action.run(new SseWriter(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    private interface IoAction {
        void run(SseWriter writer) throws IOException;
    }

    @Test
    @Order(1)
    @DisplayName("writes an event as event:, id:, one data: line, then a blank line, in UTF-8 (WHATWG HTML, event"
            + " stream format)")
    void writesAnEvent() throws IOException {
        String out = written(w -> w.send(new SseEvent("answer", "{\"sdp\":\"v=0…\"}", "17")));
        assertThat(Fixtures.visible(out)).as("bytes written for SseEvent(answer, {\"sdp\":\"v=0…\"}, 17)")
                .isEqualTo(Fixtures.visible("event: answer\nid: 17\ndata: {\"sdp\":\"v=0…\"}\n\n"));
        assertThat(written(w -> w.send(SseEvent.message("hello")))).as("an event without type and id")
                .isEqualTo("data: hello\n\n");
    }

    @Test
    @Order(2)
    @DisplayName("writes multi-line data as one data: line per line, splitting at CRLF, LF and CR, and keeps empty"
            + " lines")
    void writesMultiLineData() throws IOException {
        assertThat(Fixtures.visible(written(w -> w.send(SseEvent.message("a\r\nb\rc\nd")))))
                .as("data 'a\\r\\nb\\rc\\nd'").isEqualTo(Fixtures.visible("data: a\ndata: b\ndata: c\ndata: d\n\n"));
        assertThat(Fixtures.visible(written(w -> w.send(SseEvent.message("a\n")))))
                .as("data ending in a line end: its empty last line is a data line too")
                .isEqualTo(Fixtures.visible("data: a\ndata: \n\n"));
        assertThat(Fixtures.visible(written(w -> w.send(SseEvent.message(""))))).as("empty data")
                .isEqualTo(Fixtures.visible("data: \n\n"));
        assertThat(Fixtures.visible(written(w -> w.send(SseEvent.message("\n\n"))))).as("data of two line ends")
                .isEqualTo(Fixtures.visible("data: \ndata: \ndata: \n\n"));
    }

    @Test
    @Order(3)
    @DisplayName("writes heartbeat comments and retry:, and flushes after every call so nothing waits in a buffer")
    void writesCommentsRetryAndFlushes() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SseWriter writer = new SseWriter(new BufferedOutputStream(wire, 1 << 16));
        writer.comment("heartbeat");
        assertThat(wire.toString(StandardCharsets.UTF_8)).as("on the wire after comment(\"heartbeat\"), through a"
                + " 64 KiB buffer").isEqualTo(": heartbeat\n");
        writer.retry(2500);
        assertThat(wire.toString(StandardCharsets.UTF_8)).as("after retry(2500)")
                .isEqualTo(": heartbeat\nretry: 2500\n\n");
        writer.send(new SseEvent("candidate", "x", null));
        assertThat(wire.toString(StandardCharsets.UTF_8)).as("after send(candidate)")
                .endsWith("event: candidate\ndata: x\n\n");
    }

    @Test
    @Order(4)
    @DisplayName("refuses a type or id with a line end, an id with NUL, a comment with a line end, a negative retry,"
            + " writing nothing")
    void writerRefusesBadFields() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SseWriter writer = new SseWriter(out);
        List<IoAction> bad = List.of(
                w -> w.send(new SseEvent("offer\ndata: evil", "x", null)),
                w -> w.send(new SseEvent("offer\r", "x", null)),
                w -> w.send(new SseEvent(null, "x", "1\nevent: evil")),
                w -> w.send(new SseEvent(null, "x", "1\r2")),
                w -> w.send(new SseEvent(null, "x", "1\0")),
                w -> w.comment("ok\ndata: evil"),
                w -> w.comment("ok\r"),
                w -> w.retry(-1));
        for (int i = 0; i < bad.size(); i++) {
            IoAction action = bad.get(i);
            assertThatExceptionOfType(IllegalArgumentException.class).as("bad call %d", i + 1)
                    .isThrownBy(() -> action.run(writer));
        }
        assertThat(out.size()).as("bytes written by the refused calls").isZero();
    }

    @Test
    @Order(5)
    @DisplayName("keeps every event whole when 8 threads send at once")
    void concurrentWritersDoNotInterleave() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        // An OutputStream that takes one byte at a time and lets other threads run after each line makes
        // interleaving easy for unsynchronized writers. A yield per line, not per byte: on a machine whose cores are
        // all busy, each yield may cost a time slice, and 10,000 of them outlasted the test's bound.
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (wire) {
                    wire.write(b);
                }
                if (b == '\n') {
                    Thread.yield();
                }
            }
        };
        SseWriter writer = new SseWriter(slow);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < 25; n++) {
                        writer.send(new SseEvent("candidate", "thread " + thread + "\nevent " + n, thread + "-" + n));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(8, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();   // no thread outlives the test, whatever the writer did
        }
        String out = wire.toString(StandardCharsets.UTF_8);
        Set<String> blocks = new HashSet<>(Arrays.asList(out.split("\n\n")));
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < 8; t++) {
            for (int n = 0; n < 25; n++) {
                expected.add("event: candidate\nid: " + t + "-" + n + "\ndata: thread " + t + "\ndata: event " + n);
            }
        }
        assertThat(blocks).as("the 200 events on the wire, each whole").isEqualTo(expected);
    }

    @Test
    @Order(6)
    @DisplayName("parses a signaling stream: comment, offer, candidate, end of candidates, with types, data and ids"
            + " (WHATWG HTML, interpreting an event stream)")
    void parsesSignalingStream() {
        SseParser parser = new SseParser();
        assertThat(parser.feed(utf8(SIGNALING))).as("events of\n" + Fixtures.visible(SIGNALING))
                .isEqualTo(SIGNALING_EVENTS);
        assertThat(parser.lastEventId()).as("last event ID after the stream").isEqualTo("3");
    }

    @ParameterizedTest(name = "line end {0}")
    @Order(7)
    @ValueSource(strings = {"CRLF", "LF", "CR", "mixed"})
    @DisplayName("accepts CRLF, LF and CR line ends, even mixed in one stream")
    void acceptsAllLineEnds(String kind) {
        String stream = switch (kind) {
            case "CRLF" -> SIGNALING.replace("\n", "\r\n");
            case "CR" -> SIGNALING.replace("\n", "\r");
            case "mixed" -> SIGNALING.replaceFirst("\n\n", "\r\r").replaceFirst("\n", "\r\n").replace("id: 3\n",
                    "id: 3\r");
            default -> SIGNALING;
        };
        assertThat(parseAll(stream)).as("events of\n" + Fixtures.visible(stream)).isEqualTo(SIGNALING_EVENTS);
    }

    @Test
    @Order(8)
    @DisplayName("finds the same events wherever the bytes are cut: between CR and LF, inside a UTF-8 character, one"
            + " byte at a time")
    void cutAnywhere() {
        String text = "event: candidate\r\nid: é€\r\ndata: 😀 grüße\r\n\r\ndata: ok\r\n\r\n";
        byte[] bytes = utf8(text);
        List<SseEvent> expected = List.of(new SseEvent("candidate", "😀 grüße", "é€"),
                new SseEvent("message", "ok", "é€"));
        for (int cut = 0; cut <= bytes.length; cut++) {
            SseParser parser = new SseParser();
            List<SseEvent> events = new ArrayList<>(parser.feed(Arrays.copyOfRange(bytes, 0, cut)));
            events.addAll(parser.feed(Arrays.copyOfRange(bytes, cut, bytes.length)));
            assertThat(events).as("events with the stream cut after byte %d of %d", cut, bytes.length)
                    .isEqualTo(expected);
        }
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (byte b : bytes) {
            events.addAll(parser.feed(new byte[] {b}));
        }
        assertThat(events).as("events fed one byte at a time").isEqualTo(expected);
    }

    @Test
    @Order(9)
    @DisplayName("drops one byte order mark at the very start of the stream, and no other U+FEFF")
    void byteOrderMark() {
        assertThat(parseAll("\uFEFFdata: a\n\n")).as("a stream starting with a BOM")
                .containsExactly(new SseEvent("message", "a", ""));
        assertThat(parseAll("\uFEFF\uFEFFdata: a\n\n")).as("two BOMs: the second makes the field '\\uFEFFdata'"
                + " unknown").isEmpty();
        assertThat(parseAll("data: \uFEFFa\n\n")).as("U+FEFF inside data is data")
                .containsExactly(new SseEvent("message", "\uFEFFa", ""));
        SseParser parser = new SseParser();
        parser.feed(utf8("data: a\n\n"));
        assertThat(parser.feed(utf8("\uFEFFdata: b\n\n"))).as("U+FEFF at the start of a later chunk is not a BOM")
                .isEmpty();
        SseParser split = new SseParser();
        assertThat(split.feed(new byte[] {(byte) 0xEF})).as("first byte of the BOM").isEmpty();
        assertThat(split.feed(new byte[] {(byte) 0xBB, (byte) 0xBF, 'd', 'a', 't', 'a', ':', 'x', '\n', '\n'}))
                .as("the rest of the BOM, then an event").containsExactly(new SseEvent("message", "x", ""));
    }

    @Test
    @Order(10)
    @DisplayName("joins data lines with LF and drops the last one; 'data' and 'data:' add an empty line")
    void joinsDataLines() {
        assertThat(parseAll("data: a\ndata:\ndata\ndata: b\n\n")).as("four data lines: a, empty, empty, b")
                .containsExactly(new SseEvent("message", "a\n\n\nb", ""));
        assertThat(parseAll("data\n\n")).as("a single 'data' line").containsExactly(new SseEvent("message", "", ""));
    }

    @Test
    @Order(11)
    @DisplayName("removes one space after the colon and no more, and splits at the first colon only")
    void fieldValues() {
        assertThat(parseAll("data:  x\n\n").get(0).data()).as("'data:  x' (two spaces)").isEqualTo(" x");
        assertThat(parseAll("data:x\n\n").get(0).data()).as("'data:x'").isEqualTo("x");
        assertThat(parseAll("data:\tx\n\n").get(0).data()).as("'data:\\tx': only a space is removed").isEqualTo("\tx");
        assertThat(parseAll("data: a:b: c\n\n").get(0).data()).as("'data: a:b: c'").isEqualTo("a:b: c");
        assertThat(parseAll("event:  offer\ndata: x\n\n").get(0).type()).as("'event:  offer'").isEqualTo(" offer");
    }

    @Test
    @Order(12)
    @DisplayName("ignores comments, unknown fields and field names in another case ('Data' is not 'data')")
    void ignoresUnknownFields() {
        assertThat(parseAll(": hi\nData: x\nfoo: bar\nDATA: z\n data: w\ndata: y\n\n")).as("only 'data: y' counts")
                .containsExactly(new SseEvent("message", "y", ""));
        assertThat(parseAll(":\n:data: x\n\n")).as("comments only").isEmpty();
    }

    @Test
    @Order(13)
    @DisplayName("dispatches nothing for a block without data, resets the event type, yet moves the last event ID")
    void blocksWithoutData() {
        SseParser parser = new SseParser();
        assertThat(parser.feed(utf8("event: offer\nid: 9\n\n"))).as("event: and id: without data").isEmpty();
        assertThat(parser.lastEventId()).as("last event ID after a blank line, even without data").isEqualTo("9");
        assertThat(parser.feed(utf8("data: x\n\n"))).as("the next event: type reset to message, id kept")
                .containsExactly(new SseEvent("message", "x", "9"));
    }

    @Test
    @Order(14)
    @DisplayName("keeps the last event ID across events; an empty id: clears it; an id: with NUL is ignored")
    void lastEventId() {
        SseParser parser = new SseParser();
        List<SseEvent> events = parser.feed(utf8("id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 4\ndata: d\n\n"
                + "id: 5\0x\ndata: e\n\n"));
        assertThat(events).as("ids of five events").extracting(SseEvent::lastEventId)
                .containsExactly("1", "1", "", "4", "4");
        assertThat(parser.lastEventIdHeader()).as("Last-Event-ID to send when reconnecting").contains("4");
        SseParser cleared = new SseParser();
        cleared.feed(utf8("id: 7\ndata: a\n\nid:\ndata: b\n\n"));
        assertThat(cleared.lastEventIdHeader()).as("no Last-Event-ID header once 'id:' cleared it").isEmpty();
        assertThat(new SseParser().lastEventIdHeader()).as("no header before any event").isEmpty();
    }

    @Test
    @Order(15)
    @DisplayName("discards an event cut off by the end of the stream, its id: too, and keeps the ID for reconnecting")
    void endOfStream() {
        SseParser parser = new SseParser();
        assertThat(parser.feed(utf8("id: 1\ndata: a\n\nid: 2\ndata: b\n"))).as("one whole event, then half of one")
                .containsExactly(new SseEvent("message", "a", "1"));
        parser.end();
        assertThat(parser.lastEventIdHeader()).as("Last-Event-ID after the cut: the dispatched event's").contains("1");
        assertThat(parser.feed(utf8("data: c\n\n"))).as("the first event of the new connection: nothing of 'b'")
                .containsExactly(new SseEvent("message", "c", "1"));
    }

    @Test
    @Order(16)
    @DisplayName("sets the reconnection time from 'retry:' with ASCII digits only, and ignores anything else")
    void retry() {
        SseParser parser = new SseParser();
        assertThat(parser.feed(utf8("retry: 3000\n"))).as("retry alone dispatches nothing").isEmpty();
        assertThat(parser.reconnectionTime()).as("after 'retry: 3000', before any blank line").hasValue(3000);
        for (String ignored : List.of("retry: 3000ms", "retry:  4000", "retry: -1", "retry: \uff15\uff10\uff10\uff10",
                "retry: 1e3", "retry: 99999999999999999999999", "Retry: 10")) {
            parser.feed(utf8(ignored + "\n"));
            assertThat(parser.reconnectionTime()).as("after '%s'", ignored).hasValue(3000);
        }
        parser.feed(utf8("retry:0\n"));
        assertThat(parser.reconnectionTime()).as("after 'retry:0'").hasValue(0);
        assertThat(new SseParser().reconnectionTime()).as("a stream that never said retry").isEmpty();
    }

    @Test
    @Order(17)
    @DisplayName("replaces bytes that are not UTF-8 with U+FFFD instead of failing")
    void invalidUtf8() {
        byte[] bytes = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xFF, 'x', (byte) 0xC3, '\n', '\n'};
        assertThat(new SseParser().feed(bytes)).as("data with 0xFF and a cut-off 0xC3")
                .containsExactly(new SseEvent("message", "\uFFFDx\uFFFD", ""));
    }

    @Test
    @Order(18)
    @DisplayName("refuses a line or an event's data over its bound with SseLimitException, however it arrives")
    void limits() {
        SseParser atBound = new SseParser(100);
        assertThat(atBound.feed(utf8("data:" + "x".repeat(95) + "\n\n"))).as("a line of exactly 100 characters")
                .hasSize(1);
        SseParser endless = new SseParser(100);
        endless.feed(utf8("x".repeat(60)));
        assertThatExceptionOfType(SseLimitException.class).as("a line that reaches 120 characters without a line end")
                .isThrownBy(() -> endless.feed(utf8("x".repeat(60))));
        SseParser bigData = new SseParser(100);
        bigData.feed(utf8("data: " + "y".repeat(60) + "\n"));
        assertThatExceptionOfType(SseLimitException.class).as("two data lines of 60 characters, bound 100")
                .isThrownBy(() -> bigData.feed(utf8("data: " + "y".repeat(60) + "\n")));
        SseParser flood = new SseParser();
        byte[] megabyte = new byte[1 << 20];
        Arrays.fill(megabyte, (byte) 'z');
        assertThatExceptionOfType(SseLimitException.class).as("2 MiB without a line end, default bound 1 Mi chars")
                .isThrownBy(() -> {
                    flood.feed(megabyte);
                    flood.feed(megabyte);
                });
    }

    @Test
    @Order(19)
    @DisplayName("reads back what the writer wrote: types, ids, multi-line and empty data, emoji")
    void writerAndParserAgree() throws IOException {
        List<SseEvent> sent = List.of(new SseEvent("offer", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n", "a1"),
                new SseEvent("candidate", "", "a2"), new SseEvent(null, "  two leading spaces", null),
                new SseEvent("bye", "😀\n:not a comment\ndata: nested", "a4"));
        String wire = written(w -> {
            w.comment("hello");
            for (SseEvent e : sent) {
                w.send(e);
            }
        });
        assertThat(parseAll(wire)).as("events parsed from\n" + Fixtures.visible(wire)).containsExactly(
                new SseEvent("offer", "v=0\no=- 1 2 IN IP4 0.0.0.0\n", "a1"), new SseEvent("candidate", "", "a2"),
                new SseEvent("message", "  two leading spaces", "a2"),
                new SseEvent("bye", "😀\n:not a comment\ndata: nested", "a4"));
    }
}
