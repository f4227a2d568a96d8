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
 * A MockWebServer that plays a script of responses, one per request, and records every request, including those it
 * cut off in the middle of their body.
 *
 * <p>MockWebServer decides a socket effect during the request body by peeking at the next response, and only
 * takes a response off its queue once a request arrived whole. A request cut during its body therefore does not use
 * up its scripted "disconnect" (unless the body was so short that it arrived whole); this dispatcher drops that entry
 * when the next request without a body arrives, so that the script reads as one entry per request.
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
                    // A "disconnect during the body" at the head was meant for a request with a body. If this one
                    // has none, the request it cut never got here: drop the entry and answer with the next.
                    while (request.getBodySize() == 0 && !script.isEmpty()
                            && script.peek().getOnRequestBody() != null) {
                        script.poll();
                    }
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

    /** The next request with a body is cut after MockWebServer read part of its body. */
    ScriptedServer thenDisconnectDuringBody() {
        return then(new MockResponse.Builder().onRequestBody(new SocketEffect.CloseSocket(true, false, false)));
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
