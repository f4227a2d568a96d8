package dev.backendkatas.pubsub;

import static dev.backendkatas.pubsub.Inbox.WAIT;
import static dev.backendkatas.pubsub.Payloads.assertInPublisherOrder;
import static dev.backendkatas.pubsub.Payloads.utf8;
import static dev.backendkatas.pubsub.Threads.awaitLatch;
import static dev.backendkatas.pubsub.Threads.awaitNoThreads;
import static dev.backendkatas.pubsub.Threads.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Stage 7 of kata 04: STOMP frames and the conversation over TCP; the README section of the same name teaches it. */
@Order(7)
@DisplayName("Stage 7 — STOMP 1.2 on the wire")
class Stage7StompTest extends BrokerFixture {

    /** Small limits, so the limit tests stay small: 64-byte lines, 8 headers, 256-byte bodies. */
    static final StompLimits SMALL = new StompLimits(64, 8, 256);

    StompServer server;
    int port;

    @BeforeEach
    void startServer() throws IOException {
        server = new StompServer(broker, new StompLimits(1_024, 16, 64 * 1_024));
        port = server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    StompTestClient.Frame expect(StompTestClient client, String command) throws IOException {
        StompTestClient.Frame frame = client.read();
        assertThat(frame.command()).as("expected a %s frame, got %s", command, frame).isEqualTo(command);
        return frame;
    }

    void subscribe(StompTestClient client, String headers) throws IOException {
        client.send("SUBSCRIBE\n" + headers + "receipt:sub\n\n\0");
        assertThat(expect(client, "RECEIPT").header("receipt-id")).isEqualTo("sub");
    }

    static StompFrame parse(String raw) throws Exception {
        return parse(utf8(raw));
    }

    static StompFrame parse(byte[] raw) throws Exception {
        return new StompCodec(SMALL).read(new ByteArrayInputStream(raw));
    }

    @Test
    @Order(1)
    @DisplayName("CONNECT, SUBSCRIBE, SEND: the subscriber gets a MESSAGE frame with subscription, message-id, destination, content-length (STOMP 1.2 MESSAGE)")
    void plainRoundTrip() throws IOException {
        try (StompTestClient subscriber = StompTestClient.connected(port);
             StompTestClient publisher = StompTestClient.connected(port)) {
            subscriber.send("SUBSCRIBE\nid:0\ndestination:/topic/video/uploaded\nreceipt:r1\n\n\0");
            assertThat(expect(subscriber, "RECEIPT").header("receipt-id")).as("receipt-id").isEqualTo("r1");

            publisher.send("SEND\ndestination:/topic/video/uploaded\ncontent-type:text/plain\n\ncat.mp4\0");

            StompTestClient.Frame message = expect(subscriber, "MESSAGE");
            assertThat(message.header("subscription")).as("subscription in %s", message).isEqualTo("0");
            assertThat(message.header("destination")).as("destination").isEqualTo("/topic/video/uploaded");
            assertThat(message.header("message-id")).as("message-id").isNotBlank();
            assertThat(message.header("content-length")).as("content-length").isEqualTo("7");
            assertThat(message.header("content-type")).as("the sender's content-type").isEqualTo("text/plain");
            assertThat(message.header("ack")).as("ack header with ack:auto").isNull();
            assertThat(message.bodyText()).isEqualTo("cat.mp4");
        }
    }

    @Test
    @Order(2)
    @DisplayName("answers CONNECT (or STOMP) offering 1.2 with CONNECTED version:1.2, heart-beat:0,0, server and session (STOMP 1.2 CONNECTED)")
    void connected() throws IOException {
        for (String command : List.of("CONNECT", "STOMP")) {
            try (StompTestClient client = new StompTestClient(port)) {
                client.send(command + "\naccept-version:1.0,1.1,1.2\nhost:localhost\nheart-beat:10000,10000\n\n\0");
                StompTestClient.Frame frame = expect(client, "CONNECTED");
                assertThat(frame.header("version")).as("version after %s", command).isEqualTo("1.2");
                assertThat(frame.header("heart-beat")).as("heart-beat").isEqualTo("0,0");
                assertThat(frame.header("session")).as("session").isNotBlank();
                assertThat(frame.header("server")).as("server").isNotBlank();
            }
        }
    }

    @Test
    @Order(3)
    @DisplayName("reads frames sent one byte at a time, with heart-beat EOLs between them and a content-length body holding NULs")
    void byteByByte() throws IOException {
        Inbox inbox = new Inbox();
        broker.connect("in-process").subscribe(SubscriptionOptions.of("bin"), inbox);
        try (StompTestClient subscriber = StompTestClient.connected(port);
             StompTestClient publisher = new StompTestClient(port)) {
            subscribe(subscriber, "id:s\ndestination:/topic/bin\n");
            publisher.sendByteByByte("\n\r\nCONNECT\r\naccept-version:1.2\r\nhost:localhost\r\n\r\n\0\n\n");
            expect(publisher, "CONNECTED");

            publisher.sendByteByByte("\nSEND\ndestination:/topic/bin\ncontent-length:5\n\na\0b\0c\0\n");

            StompTestClient.Frame message = expect(subscriber, "MESSAGE");
            assertThat(message.header("content-length")).as("content-length of %s", message).isEqualTo("5");
            assertThat(message.body()).as("body bytes, NULs included").containsExactly('a', 0, 'b', 0, 'c');
            assertThat(inbox.awaitOne().payload()).as("payload in the broker").containsExactly('a', 0, 'b', 0, 'c');
        }
    }

    @Test
    @Order(4)
    @DisplayName("header escaping: \\c, \\n, \\\\ in a SEND arrive decoded in the broker and escaped again in the MESSAGE (STOMP 1.2 Value Encoding)")
    void escapedHeaders() throws IOException {
        Inbox inbox = new Inbox();
        broker.connect("in-process").subscribe(SubscriptionOptions.of("notes"), inbox);
        try (StompTestClient subscriber = StompTestClient.connected(port);
             StompTestClient publisher = StompTestClient.connected(port)) {
            subscribe(subscriber, "id:s\ndestination:/topic/notes\n");

            publisher.send("SEND\ndestination:/topic/notes\nnote:a\\cb\\nc\\\\d\\re\n\nx\0");

            assertThat(inbox.awaitOne().headers()).as("headers in the broker, decoded")
                    .containsEntry("note", "a:b\nc\\d\re");
            assertThat(expect(subscriber, "MESSAGE").header("note")).as("the header on the wire, escaped again")
                    .isEqualTo("a\\cb\\nc\\\\d\\re");
        }
    }

    @Test
    @Order(5)
    @DisplayName("CONNECT headers are not unescaped: a backslash in host is an ordinary character, not an error (STOMP 1.2 Value Encoding)")
    void connectNotUnescaped() throws IOException {
        try (StompTestClient client = new StompTestClient(port)) {
            client.send("CONNECT\naccept-version:1.2\nhost:C:\\broker\\vhost\n\n\0");
            expect(client, "CONNECTED");
        }
    }

    @Test
    @Order(6)
    @DisplayName("receipts: a SEND with receipt gets RECEIPT receipt-id; an ERROR carries the receipt-id of the frame it refuses")
    void receipts() throws IOException {
        try (StompTestClient client = StompTestClient.connected(port)) {
            client.send("SEND\ndestination:/topic/a\nreceipt:send-1\n\nx\0");
            assertThat(expect(client, "RECEIPT").header("receipt-id")).isEqualTo("send-1");
            client.send("SUBSCRIBE\nid:1\ndestination:/queue/a\nreceipt:77\n\n\0");
            StompTestClient.Frame error = expect(client, "ERROR");
            assertThat(error.header("receipt-id")).as("receipt-id of the ERROR").isEqualTo("77");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    @Order(7)
    @DisplayName("DISCONNECT with a receipt gets its RECEIPT, then the server closes the connection (STOMP 1.2 DISCONNECT)")
    void disconnect() throws IOException {
        try (StompTestClient client = StompTestClient.connected(port)) {
            client.send("DISCONNECT\nreceipt:bye\n\n\0");
            assertThat(expect(client, "RECEIPT").header("receipt-id")).isEqualTo("bye");
            assertThat(client.closedByServer()).as("closed after the DISCONNECT receipt").isTrue();
        }
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
    }

    @Test
    @Order(8)
    @DisplayName("ack:client-individual: MESSAGE carries ack; ACK settles it; NACK redelivers it with redelivered:true (STOMP 1.2 ACK, NACK)")
    void clientIndividualAcks() throws IOException {
        try (StompTestClient client = StompTestClient.connected(port)) {
            subscribe(client, "id:s\ndestination:/topic/jobs\nack:client-individual\n");
            client.send("SEND\ndestination:/topic/jobs\n\nj1\0SEND\ndestination:/topic/jobs\n\nj2\0");
            StompTestClient.Frame first = expect(client, "MESSAGE");
            StompTestClient.Frame second = expect(client, "MESSAGE");
            assertThat(first.header("ack")).as("ack header of %s", first).isNotBlank();
            assertThat(second.header("ack")).isNotEqualTo(first.header("ack"));

            client.send("ACK\nid:" + first.header("ack") + "\n\n\0NACK\nid:" + second.header("ack") + "\n\n\0");

            StompTestClient.Frame again = expect(client, "MESSAGE");
            assertThat(again.bodyText()).as("redelivered after NACK").isEqualTo("j2");
            assertThat(again.header("redelivered")).as("redelivered header").isEqualTo("true");
            assertThat(again.header("message-id")).as("same message-id").isEqualTo(second.header("message-id"));
            client.send("ACK\nid:" + again.header("ack") + "\nreceipt:done\n\n\0");
            expect(client, "RECEIPT");
            assertThat(broker.pending()).as("pending after the ACKs").isZero();
            client.send("ACK\nid:" + first.header("ack") + "\n\n\0");
            assertThat(expect(client, "ERROR").header("message")).as("ERROR for acking twice").isNotBlank();
        }
    }

    @Test
    @Order(9)
    @DisplayName("a client that drops its socket gets its unacked messages redelivered to another member of its group")
    void droppedSocketRedelivers() throws IOException {
        try (StompTestClient crashing = StompTestClient.connected(port);
             StompTestClient survivor = StompTestClient.connected(port);
             StompTestClient publisher = StompTestClient.connected(port)) {
            subscribe(crashing, "id:c\ndestination:/topic/jobs\nack:client-individual\ngroup:workers\nprefetch-count:10\n");
            for (int i = 1; i <= 3; i++) {
                publisher.send("SEND\ndestination:/topic/jobs\n\nj" + i + "\0");
            }
            for (int i = 1; i <= 3; i++) {
                assertThat(expect(crashing, "MESSAGE").bodyText()).isEqualTo("j" + i);
            }
            subscribe(survivor, "id:s\ndestination:/topic/jobs\nack:client-individual\ngroup:workers\nprefetch-count:1\n");

            crashing.close(); // no DISCONNECT, no ACK

            for (int i = 1; i <= 3; i++) {
                StompTestClient.Frame message = expect(survivor, "MESSAGE");
                assertThat(message.bodyText()).as("redelivered to the survivor").isEqualTo("j" + i);
                assertThat(message.header("redelivered")).isEqualTo("true");
                survivor.send("ACK\nid:" + message.header("ack") + "\n\n\0");
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(broker.pending()).isZero());
        }
    }

    @Test
    @Order(10)
    @DisplayName("UNSUBSCRIBE stops the MESSAGE frames of that subscription only")
    void unsubscribe() throws IOException {
        try (StompTestClient client = StompTestClient.connected(port)) {
            subscribe(client, "id:a\ndestination:/topic/news\n");
            subscribe(client, "id:b\ndestination:/topic/news\n");
            client.send("UNSUBSCRIBE\nid:a\nreceipt:u\n\n\0");
            expect(client, "RECEIPT");
            assertThat(broker.publish("news", utf8("in-process")).deliveredTo())
                    .as("subscriptions of news after UNSUBSCRIBE id:a").hasSize(1);

            client.send("SEND\ndestination:/topic/news\n\nfirst\0SEND\ndestination:/topic/news\n\nsecond\0");

            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                StompTestClient.Frame message = expect(client, "MESSAGE");
                seen.add(message.header("subscription") + ":" + message.bodyText());
            }
            assertThat(seen).as("MESSAGE frames after UNSUBSCRIBE id:a")
                    .containsExactly("b:in-process", "b:first", "b:second");
        }
    }

    @Test
    @Order(11)
    @DisplayName("a SEND that a full REJECT_PUBLISH subscription refuses is answered with ERROR: the refusal is never silent")
    void rejectedSend() throws IOException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        broker.connect("stuck").subscribe(SubscriptionOptions.of("t").withBuffer(1, OverflowPolicy.REJECT_PUBLISH),
                delivery -> {
                    entered.countDown();
                    awaitQuietly(release);
                });
        try (StompTestClient client = StompTestClient.connected(port)) {
            client.send("SEND\ndestination:/topic/t\n\n1\0");
            awaitLatch(entered, "the stuck subscriber took message 1");
            client.send("SEND\ndestination:/topic/t\nreceipt:2\n\n2\0");
            expect(client, "RECEIPT");

            client.send("SEND\ndestination:/topic/t\nreceipt:3\n\n3\0");

            StompTestClient.Frame error = expect(client, "ERROR");
            assertThat(error.header("receipt-id")).as("receipt-id of the ERROR").isEqualTo("3");
            assertThat(client.closedByServer()).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    @Order(12)
    @DisplayName("closing the server closes every connection and leaves no stomp-… or pubsub-… thread running")
    void closeLeavesNothing() throws IOException {
        List<StompTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                StompTestClient client = StompTestClient.connected(port);
                clients.add(client);
                subscribe(client, "id:x\ndestination:/topic/t\n");
            }
            server.close();
            for (StompTestClient client : clients) {
                assertThat(client.closedByServer()).as("a client after the server closed").isTrue();
            }
            awaitNoThreads("stomp-");
            awaitNoThreads("pubsub-");
        } finally {
            for (StompTestClient client : clients) {
                client.close();
            }
        }
    }

    // --- the codec on its own -------------------------------------------------------------------------------

    @Test
    @Order(13)
    @DisplayName("codec: reads command, headers and body; skips heart-beat EOLs; accepts \\r\\n line ends (STOMP 1.2 Augmented BNF)")
    void codecReadsFrames() throws Exception {
        StompCodec codec = new StompCodec(SMALL);
        InputStream in = new ByteArrayInputStream(utf8(
                "\n\r\nSEND\r\ndestination:/topic/a\r\nx:1\r\n\r\nhello\0\n\nMESSAGE\nid:2\n\n\0\r\n"));

        StompFrame first = codec.read(in);
        StompFrame second = codec.read(in);

        assertThat(first.command()).isEqualTo("SEND");
        assertThat(first.headers()).as("headers, in order")
                .containsExactly(Map.entry("destination", "/topic/a"), Map.entry("x", "1"));
        assertThat(first.bodyText()).isEqualTo("hello");
        assertThat(second.command()).isEqualTo("MESSAGE");
        assertThat(second.headers()).containsExactly(Map.entry("id", "2"));
        assertThat(second.body()).isEmpty();
        assertThat(codec.read(in)).as("after the last frame and its trailing EOLs: a clean end").isNull();
    }

    @Test
    @Order(14)
    @DisplayName("codec: a content-length body is exactly that many octets, NULs included (STOMP 1.2 content-length)")
    void codecContentLength() throws Exception {
        StompFrame frame = parse("SEND\ncontent-length:5\n\na\0b\0c\0");
        assertThat(frame.body()).containsExactly('a', 0, 'b', 0, 'c');
        assertThat(parse("SEND\ncontent-length:0\n\n\0").body()).as("content-length:0").isEmpty();
        assertThat(parse("SEND\ncontent-length:007\n\n1234567\0").bodyText()).as("content-length:007")
                .isEqualTo("1234567");
        assertThat(parse("SEND\ncontent-length:000000000000003\n\nabc\0").bodyText())
                .as("content-length with 12 leading zeros").isEqualTo("abc");
    }

    @Test
    @Order(15)
    @DisplayName("codec: unescapes \\r \\n \\c \\\\ in header names and values; CONNECT and CONNECTED are not unescaped (STOMP 1.2 Value Encoding)")
    void codecUnescapes() throws Exception {
        assertThat(parse("MESSAGE\na\\cb:c\\nd\\re\\\\f\\c\n\n\0").headers()).as("decoded headers")
                .containsExactly(Map.entry("a:b", "c\nd\re\\f:"));
        assertThat(parse("CONNECT\nhost:a\\cb\\\\c\\t\n\n\0").headers()).as("CONNECT headers, taken literally")
                .containsExactly(Map.entry("host", "a\\cb\\\\c\\t"));
        assertThat(parse("CONNECTED\nserver:x\\ny\n\n\0").header("server")).as("CONNECTED header").isEqualTo("x\\ny");
    }

    @Test
    @Order(16)
    @DisplayName("codec: when a header repeats, the first entry wins; a value may contain further colons (STOMP 1.2 Repeated Header Entries)")
    void codecFirstHeaderWins() throws Exception {
        StompFrame frame = parse("MESSAGE\nfoo:World\nfoo:Hello\ntime:12:30\n\n\0");
        assertThat(frame.header("foo")).as("foo (sent World, then Hello)").isEqualTo("World");
        assertThat(frame.header("time")).as("a value after the first colon").isEqualTo("12:30");
        assertThat(frame.headers()).hasSize(2);
    }

    @Test
    @Order(17)
    @DisplayName("codec: exactly at the limits is fine: a 64-byte line, 8 headers, a 256-byte body (STOMP 1.2 Size Limits)")
    void codecAtTheLimits() throws Exception {
        assertThat(parse("SEND\nx:" + "y".repeat(62) + "\n\n\0").header("x")).as("a 64-byte header line").hasSize(62);
        StringBuilder eight = new StringBuilder("SEND\n");
        for (int i = 0; i < 8; i++) {
            eight.append("h").append(i).append(":v\n");
        }
        assertThat(parse(eight + "\n\0").headers()).as("8 headers").hasSize(8);
        assertThat(parse("SEND\n\n" + "b".repeat(256) + "\0").body()).as("a 256-byte body").hasSize(256);
        assertThat(parse("SEND\ncontent-length:256\n\n" + "b".repeat(256) + "\0").body()).hasSize(256);
    }

    @Test
    @Order(18)
    @DisplayName("codec: a clean end between frames reads as null; an end inside a frame is an EOFException")
    void codecEndOfStream() throws Exception {
        assertThat(parse("")).as("an empty stream").isNull();
        assertThat(parse("\n\r\n")).as("only heart-beats").isNull();
        for (String cut : List.of("SEND", "SEND\ndestination:/topic/a\n", "SEND\n\nabc", "SEND\ncontent-length:5\n\nab",
                "SEND\ncontent-length:2\n\nab", "SEND\r")) {
            assertThatExceptionOfType(EOFException.class).as("reading %s, then the end", Visible.of(cut))
                    .isThrownBy(() -> parse(cut));
        }
    }

    @Test
    @Order(19)
    @DisplayName("codec: writes command, escaped headers, empty line, body and NUL; CONNECTED is written unescaped")
    void codecEncodes() {
        StompCodec codec = new StompCodec(SMALL);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("destination", "/topic/a");
        headers.put("note", "a:b\nc\\d\re");
        byte[] bytes = codec.encode(new StompFrame("MESSAGE", headers, utf8("hi")));
        assertThat(Visible.of(bytes)).as("encoded MESSAGE")
                .isEqualTo(Visible.of("MESSAGE\ndestination:/topic/a\nnote:a\\cb\\nc\\\\d\\re\n\nhi\0"));

        byte[] connected = codec.encode(new StompFrame("CONNECTED", Map.of("server", "x\\y")));
        assertThat(Visible.of(connected)).as("encoded CONNECTED").isEqualTo(Visible.of("CONNECTED\nserver:x\\y\n\n\0"));
        assertThatExceptionOfType(IllegalArgumentException.class).as("a CONNECTED header with a LF")
                .isThrownBy(() -> codec.encode(new StompFrame("CONNECTED", Map.of("server", "x\ny"))));
        assertThatExceptionOfType(IllegalArgumentException.class).as("a CONNECT header with a CR")
                .isThrownBy(() -> codec.encode(new StompFrame("CONNECT", Map.of("host", "a\rb"))));
        assertThatExceptionOfType(IllegalArgumentException.class).as("a CONNECT header name with a colon")
                .isThrownBy(() -> codec.encode(new StompFrame("CONNECT", Map.of("a:b", "x"))));
    }

    @Test
    @Order(20)
    @DisplayName("codec: whatever it writes, it reads back the same: 300 random frames with special characters and binary bodies")
    void codecRoundTrip() throws Exception {
        StompCodec codec = new StompCodec(StompLimits.DEFAULTS);
        Random random = new Random(4);
        String alphabet = "ab:\\\n\rcé€ 1";
        for (int i = 0; i < 300; i++) {
            Map<String, String> headers = new LinkedHashMap<>();
            int count = random.nextInt(5);
            for (int h = 0; h < count; h++) {
                headers.put("h" + h + randomText(random, alphabet), randomText(random, alphabet));
            }
            byte[] body = new byte[random.nextInt(40)];
            random.nextBytes(body);
            headers.put("content-length", Integer.toString(body.length));
            StompFrame frame = new StompFrame("MESSAGE", headers, body);

            byte[] encoded = codec.encode(frame);
            StompFrame back = codec.read(new ByteArrayInputStream(encoded));

            assertThat(back.headers()).as("headers read back from %s", Visible.of(encoded)).isEqualTo(frame.headers());
            assertThat(back.body()).as("body read back from %s", Visible.of(encoded)).isEqualTo(body);
        }
    }

    // --- malformed and hostile input, on the wire and in the codec; then load -------------------------------

    @ParameterizedTest(name = "{0}")
    @Order(21)
    @CsvSource(delimiter = '|', value = {
        "offers only 1.0 and 1.1          | CONNECT\\naccept-version:1.0,1.1\\nhost:localhost\\n\\n",
        "no accept-version (STOMP 1.0)    | CONNECT\\nhost:localhost\\n\\n",
        "no host header                   | CONNECT\\naccept-version:1.2\\n\\n",
        "a malformed heart-beat           | CONNECT\\naccept-version:1.2\\nhost:localhost\\nheart-beat:soon\\n\\n",
        "SEND before CONNECT              | SEND\\ndestination:/topic/a\\n\\nx",
    })
    @DisplayName("refuses a client that offers no 1.2, omits host, or does not start with CONNECT: ERROR, then close (STOMP 1.2 Protocol Negotiation)")
    void refusesBadConnect(String why, String frame) throws IOException {
        try (StompTestClient client = new StompTestClient(port)) {
            client.send(frame.replace("\\n", "\n") + "\0");
            StompTestClient.Frame error = expect(client, "ERROR");
            assertThat(error.header("message")).as("message header of %s", error).isNotBlank();
            if (why.contains("1.")) {
                assertThat(error.header("version")).as("the versions the server supports").isEqualTo("1.2");
            }
            assertThat(client.closedByServer()).as("connection closed after the ERROR").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @Order(22)
    @MethodSource("badFramesAfterConnect")
    @DisplayName("answers a malformed or refused frame with ERROR (message, content-type, content-length), then closes (STOMP 1.2 ERROR)")
    void errorThenClose(String why, String frame) throws IOException {
        try (StompTestClient client = StompTestClient.connected(port)) {
            client.send(frame);
            StompTestClient.Frame error = expect(client, "ERROR");
            assertThat(error.header("message")).as("message header of the ERROR for: %s", why).isNotBlank();
            assertThat(error.header("content-type")).as("content-type").isEqualTo("text/plain");
            assertThat(error.header("content-length")).as("content-length")
                    .isEqualTo(Integer.toString(error.body().length));
            assertThat(client.closedByServer()).as("connection closed after the ERROR for: %s", why).isTrue();
        }
    }

    @Test
    @Order(23)
    @DisplayName("after an ERROR the server closes the connection within a bounded time, even if the client keeps its side open")
    void errorClosesEvenIfClientStays() throws IOException {
        try (StompTestClient client = StompTestClient.connected(port)) {
            client.send("FROB\n\n\0");
            expect(client, "ERROR");
            await().atMost(WAIT).untilAsserted(() -> assertThat(server.openConnections())
                    .as("connections the server still serves, while the client keeps its socket open").isZero());
        }
    }

    @Test
    @Order(24)
    @DisplayName("the sender's headers travel with the message but cannot override the server's MESSAGE headers")
    void senderHeaders() throws IOException {
        try (StompTestClient client = StompTestClient.connected(port)) {
            subscribe(client, "id:mine\ndestination:/topic/t\n");
            client.send("SEND\ndestination:/topic/t\nsubscription:forged\nmessage-id:forged\nx-trace:abc\n\nx\0");
            StompTestClient.Frame message = expect(client, "MESSAGE");
            assertThat(message.header("subscription")).as("first subscription header of %s", message).isEqualTo("mine");
            assertThat(message.header("message-id")).as("first message-id header").isNotEqualTo("forged");
            assertThat(message.header("x-trace")).as("the sender's own header").isEqualTo("abc");
        }
    }

    @ParameterizedTest(name = "{0}")
    @Order(25)
    @MethodSource("malformedFrames")
    @DisplayName("codec: refuses malformed or oversized frames with StompProtocolException (STOMP 1.2 Augmented BNF, Size Limits)")
    void codecRefusesMalformed(String why, String raw) {
        assertThatExceptionOfType(StompProtocolException.class).as("reading %s: %s", why, Visible.of(raw))
                .isThrownBy(() -> parse(raw));
    }

    @ParameterizedTest(name = "{0}")
    @Order(26)
    @MethodSource("endlessFrames")
    @DisplayName("codec: stops reading as soon as a limit is passed: a frame that never ends is refused after little more than the limit (STOMP 1.2 Size Limits)")
    void codecStopsAtTheLimit(String why, String start, String repeated) {
        EndlessInput in = new EndlessInput(utf8(start), utf8(repeated));
        String shown = Visible.of(start) + ", then " + Visible.of(repeated) + " repeated";

        assertThatExceptionOfType(StompProtocolException.class).as("reading %s: %s", why, shown)
                .isThrownBy(() -> new StompCodec(SMALL).read(in));
        // Generous: a reader may take a buffer's worth (8 KiB) at a time, but not the whole megabyte.
        assertThat(in.consumed()).as("bytes read from %s before refusing it (limits: 64-byte lines, 8 headers,"
                + " 256-byte bodies; the stream had %,d bytes)", shown, EndlessInput.TOTAL).isLessThanOrEqualTo(16_384);
    }

    @Test
    @Order(27)
    @DisplayName("codec: refuses a header that is not valid UTF-8 (STOMP 1.2 Value Encoding)")
    void codecRefusesBadUtf8() {
        byte[] raw = {'S', 'E', 'N', 'D', '\n', 'x', ':', (byte) 0xC3, (byte) 0x28, '\n', '\n', 0};
        assertThatExceptionOfType(StompProtocolException.class).as("reading %s", Visible.of(raw))
                .isThrownBy(() -> parse(raw));
    }

    @Test
    @Order(28)
    @DisplayName("keeps each publisher's order over the wire: 2 connections × 200 SENDs reach 2 subscribing connections (concurrent)")
    void concurrentOverTheWire() throws Exception {
        List<StompTestClient> subscribers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int s = 0; s < 2; s++) {
                StompTestClient subscriber = StompTestClient.connected(port);
                subscribers.add(subscriber);
                subscribe(subscriber, "id:" + s + "\ndestination:/topic/load/#\n");
            }
            List<Future<?>> sends = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int publisher = p;
                sends.add(pool.submit(() -> {
                    try (StompTestClient client = StompTestClient.connected(port)) {
                        StringBuilder frames = new StringBuilder();
                        for (int seq = 0; seq < 200; seq++) {
                            frames.append("SEND\ndestination:/topic/load/p").append(publisher).append("\n\np")
                                    .append(publisher).append(':').append(seq).append('\0');
                        }
                        client.send(frames.toString()).send("DISCONNECT\nreceipt:d\n\n\0");
                        expect(client, "RECEIPT");
                    }
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // below the 10-second test timeout
            }
            for (int s = 0; s < 2; s++) {
                List<Delivery> received = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    StompTestClient.Frame message = expect(subscribers.get(s), "MESSAGE");
                    received.add(new Delivery(i, "s", Long.parseLong(message.header("message-id")), "t",
                            message.body(), Map.of(), false));
                }
                assertThat(received.stream().map(Delivery::messageId).distinct().count())
                        .as("subscriber %d: distinct messages", s).isEqualTo(400);
                assertInPublisherOrder(received, "STOMP subscriber " + s);
            }
        } finally {
            pool.shutdownNow();
            for (StompTestClient subscriber : subscribers) {
                subscriber.close();
            }
        }
    }

    static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    static Stream<Arguments> badFramesAfterConnect() {
        return Stream.of(
                Arguments.of("an undefined escape sequence", "SEND\ndestination:/topic/a\nbad:x\\ty\n\nbody\0"),
                Arguments.of("no NUL after the content-length body", "SEND\ndestination:/topic/a\ncontent-length:3\n\nabcd\0"),
                Arguments.of("content-length not a number", "SEND\ndestination:/topic/a\ncontent-length:x\n\nabc\0"),
                Arguments.of("a header line without a colon", "SEND\nno-colon\n\n\0"),
                Arguments.of("a line over the 1,024-byte limit", "SEND\nx:" + "y".repeat(1_100) + "\n\n\0"),
                Arguments.of("17 headers (limit 16)", "SEND\ndestination:/topic/a\n" + "h:v\n".repeat(16) + "\n\0"),
                Arguments.of("a body over 64 KiB", "SEND\ndestination:/topic/a\n\n" + "b".repeat(65 * 1_024) + "\0"),
                Arguments.of("SEND without destination", "SEND\n\nx\0"),
                Arguments.of("a destination outside /topic/", "SEND\ndestination:/queue/a\n\nx\0"),
                Arguments.of("a wildcard in a SEND destination", "SEND\ndestination:/topic/a/#\n\nx\0"),
                Arguments.of("a SEND in a transaction", "SEND\ndestination:/topic/a\ntransaction:tx1\n\nx\0"),
                Arguments.of("BEGIN (transactions unsupported)", "BEGIN\ntransaction:tx1\n\n\0"),
                Arguments.of("an invalid topic filter", "SUBSCRIBE\nid:1\ndestination:/topic/a/#/b\n\n\0"),
                Arguments.of("ack:client (cumulative, unsupported)", "SUBSCRIBE\nid:1\ndestination:/topic/a\nack:client\n\n\0"),
                Arguments.of("an unknown ack mode", "SUBSCRIBE\nid:1\ndestination:/topic/a\nack:sometimes\n\n\0"),
                Arguments.of("SUBSCRIBE without id", "SUBSCRIBE\ndestination:/topic/a\n\n\0"),
                Arguments.of("a prefetch-count of 0", "SUBSCRIBE\nid:1\ndestination:/topic/a\nprefetch-count:0\n\n\0"),
                Arguments.of("a subscription id used twice",
                        "SUBSCRIBE\nid:1\ndestination:/topic/a\n\n\0SUBSCRIBE\nid:1\ndestination:/topic/b\n\n\0"),
                Arguments.of("ACK of an unknown id", "ACK\nid:123456\n\n\0"),
                Arguments.of("ACK of a non-numeric id", "ACK\nid:abc\n\n\0"),
                Arguments.of("NACK without id", "NACK\n\n\0"),
                Arguments.of("UNSUBSCRIBE of an unknown id", "UNSUBSCRIBE\nid:nope\n\n\0"),
                Arguments.of("an unknown command", "FROB\n\n\0"),
                Arguments.of("a lowercase command", "send\ndestination:/topic/a\n\nx\0"),
                Arguments.of("a second CONNECT", "CONNECT\naccept-version:1.2\nhost:localhost\n\n\0"),
                Arguments.of("a CR not followed by LF", "SEND\ndestination:/topic/a\r\r\n\n\0"));
    }

    static Stream<Arguments> endlessFrames() {
        return Stream.of(
                Arguments.of("an endless command line", "SEND", "X"),
                Arguments.of("an endless header line", "SEND\nx:", "y"),
                Arguments.of("endless header lines", "SEND\n", "h:v\n"),
                Arguments.of("an endless body without content-length", "SEND\n\n", "b"),
                Arguments.of("a content-length over the limit, its body following", "SEND\ncontent-length:1000000\n\n",
                        "b"));
    }

    static Stream<Arguments> malformedFrames() {
        return Stream.of(
                Arguments.of("undefined escape \\t", "SEND\ndestination:/topic/a\nbad:x\\ty\n\nbody\0"),
                Arguments.of("a header ending in a lone backslash", "SEND\ndestination:/topic/a\nbad:x\\\n\nbody\0"),
                Arguments.of("undefined escape in a header name", "SEND\ndestination:/topic/a\nb\\ad:x\n\nbody\0"),
                Arguments.of("a header line without a colon", "SEND\ndestination:/topic/a\nno-colon-here\n\n\0"),
                Arguments.of("a header with an empty name", "SEND\ndestination:/topic/a\n:value\n\n\0"),
                Arguments.of("content-length not a number", "SEND\ndestination:/topic/a\ncontent-length:abc\n\nabc\0"),
                Arguments.of("content-length negative", "SEND\ndestination:/topic/a\ncontent-length:-1\n\n\0"),
                Arguments.of("content-length with a sign", "SEND\ndestination:/topic/a\ncontent-length:+3\n\nabc\0"),
                Arguments.of("content-length with a space", "SEND\ndestination:/topic/a\ncontent-length: 3\n\nabc\0"),
                Arguments.of("content-length empty", "SEND\ndestination:/topic/a\ncontent-length:\n\n\0"),
                Arguments.of("content-length huge", "SEND\ndestination:/topic/a\ncontent-length:99999999999999999999\n\n\0"),
                Arguments.of("no NUL after the content-length body", "SEND\ndestination:/topic/a\ncontent-length:3\n\nabcd\0"),
                Arguments.of("a CR not followed by LF", "SEND\ndestination:/topic/a\r\r\n\n\0"),
                Arguments.of("a CR not followed by LF before the command", "\rSEND\n\n\0"),
                Arguments.of("NUL before the empty line (no body separator)", "SEND\ndestination:/topic/a\n\0"),
                Arguments.of("a line over the 64-byte limit", "SEND\nx:" + "y".repeat(63) + "\n\n\0"),
                Arguments.of("9 headers (limit 8)", "SEND\n" + "h:v\n".repeat(9) + "\n\0"),
                Arguments.of("a body over 256 bytes, no content-length", "SEND\n\n" + "b".repeat(257) + "\0"),
                Arguments.of("content-length over 256", "SEND\ncontent-length:257\n\n" + "b".repeat(257) + "\0"));
    }
}
