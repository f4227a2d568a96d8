package dev.backendkatas.webrtcsignaling;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

/**
 * One peer's side of an event stream, read as it arrives. No thread is held per stream: the {@code HttpClient}
 * pushes the bytes in. {@link #disconnect} cancels the response, which closes the connection.
 *
 * <p>The bytes are read by a small reader of this test's own ({@link LineReader}), not by your Stage 4
 * {@link SseParser}: Stage 5 grades the server, and a slip in your parser must not show up as a server failure. It
 * reads what {@link SseWriter} writes (LF line ends, {@code field: value}) and nothing more.
 */
final class EventStream implements HttpResponse.BodySubscriber<EventStream> {

    private final LineReader parser = new LineReader();
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final StringBuffer raw = new StringBuffer();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile int status;
    private volatile HttpHeaders headers;

    /** The body handler that makes one stream per response. */
    static HttpResponse.BodyHandler<EventStream> handler() {
        return info -> {
            EventStream stream = new EventStream();
            stream.status = info.statusCode();
            stream.headers = info.headers();
            return stream;
        };
    }

    int status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    /** The events dispatched so far, in order. */
    List<SseEvent> events() {
        return List.copyOf(events);
    }

    /** The events so far as {@code type#id} strings: short, readable in a failure message. */
    List<String> summary() {
        return events.stream().map(e -> e.type() + "#" + e.lastEventId()).collect(Collectors.toList());
    }

    /** Everything received, as text. */
    String raw() {
        return raw.toString();
    }

    /** How many comment lines ({@code : ...}) arrived. */
    long comments() {
        return raw().lines().filter(line -> line.startsWith(":")).count();
    }

    /** Whether the server ended the response. */
    boolean ended() {
        return ended.isDone();
    }

    /** Hangs up, as a closed browser tab does. */
    void disconnect() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public CompletionStage<EventStream> getBody() {
        // Complete at once: the test holds the stream while the server keeps writing to it.
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        for (ByteBuffer buffer : item) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            raw.append(new String(bytes, StandardCharsets.UTF_8));
            events.addAll(parser.feed(bytes));
        }
        subscription.request(1);
    }

    /** The event stream format as the server writes it: LF line ends, one space after the colon. */
    private static final class LineReader {
        private final StringBuilder line = new StringBuilder();
        private String type;
        private String id = "";
        private StringBuilder data;

        List<SseEvent> feed(byte[] bytes) {
            List<SseEvent> out = new java.util.ArrayList<>();
            // The server writes whole events in one write; a split character would only garble data, not ids.
            for (char c : new String(bytes, StandardCharsets.UTF_8).toCharArray()) {
                if (c != '\n') {
                    line.append(c);
                    continue;
                }
                String text = line.toString();
                line.setLength(0);
                if (text.isEmpty()) {
                    if (data != null) {
                        out.add(new SseEvent(type == null ? "message" : type, data.toString(), id));
                    }
                    type = null;
                    data = null;
                } else if (!text.startsWith(":")) {
                    int colon = text.indexOf(':');
                    String field = colon < 0 ? text : text.substring(0, colon);
                    String value = colon < 0 ? "" : text.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "event" -> type = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
            return out;
        }
    }

    @Override
    public void onError(Throwable throwable) {
        ended.complete(null);
    }

    @Override
    public void onComplete() {
        ended.complete(null);
    }
}
