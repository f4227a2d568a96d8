package dev.backendkatas.chunkedupload;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A MockWebServer that plays a script of responses, exactly one per request, in order, and records every request,
 * including those whose connection it dropped.
 *
 * <p>Every scripted failure happens <em>after</em> MockWebServer has taken its request off the script, so the order
 * of the script and of {@link #requests()} is the order in which the client sent its requests. A cut made while
 * MockWebServer is still reading a body would not keep that promise: the socket closes before the cut request is
 * recorded, and the client's next request, on a new connection, can be recorded first and take its response.
 */
final class ScriptedServer implements AutoCloseable {

    private static final MockResponse EXHAUSTED = new MockResponse.Builder().code(599)
            .body("the test script has no response left for this request").build();

    private final MockWebServer server = new MockWebServer();
    private final Deque<MockResponse> script = new ArrayDeque<>();

    ScriptedServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (script) {
                    return script.isEmpty() ? EXHAUSTED : script.poll();
                }
            }

            @Override
            public MockResponse peek() {
                synchronized (script) {
                    return script.isEmpty() ? EXHAUSTED : script.peek();
                }
            }
        });
        server.start();
    }

    URI url(String path) {
        return server.url(path).uri();
    }

    ScriptedServer then(MockResponse.Builder response) {
        synchronized (script) {
            script.add(response.build());
        }
        return this;
    }

    /**
     * The next request loses its connection while its body is on the way: MockWebServer takes the request line and
     * headers, reads none of the body and closes the socket. The client sees an I/O error and no response.
     */
    ScriptedServer thenDisconnectDuringBody() {
        return then(new MockResponse.Builder().doNotReadRequestBody()
                .onResponseStart(new SocketEffect.CloseSocket(true, false, false)));
    }

    /** The next request arrives whole, then the connection closes instead of a response: the answer is lost. */
    ScriptedServer thenDisconnectBeforeResponse() {
        return then(new MockResponse.Builder().code(204)
                .onResponseStart(new SocketEffect.CloseSocket(true, false, false)));
    }

    /** The next request arrives whole, then nothing comes back: the client's request timeout must fire. */
    ScriptedServer thenStall() {
        return then(new MockResponse.Builder().code(204).onResponseStart(SocketEffect.Stall.INSTANCE));
    }

    /** Every request the server saw so far, in order. */
    List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        int count = server.getRequestCount();
        for (int i = 0; i < count; i++) {
            RecordedRequest next = server.takeRequest(1, TimeUnit.SECONDS);
            if (next == null) {
                break;
            }
            all.add(next);
        }
        return all;
    }

    @Override
    public void close() {
        server.close();
    }
}
