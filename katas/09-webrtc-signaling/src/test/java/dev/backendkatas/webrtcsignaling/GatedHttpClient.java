package dev.backendkatas.webrtcsignaling;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A real {@link HttpClient} with a gate in front of its POSTs: while the gate is shut, a POST waits before it goes
 * out. It counts the POSTs in flight, and the most there ever were at once, from the moment a POST is handed to
 * {@code send} or {@code sendAsync}. A GET goes through untouched.
 */
final class GatedHttpClient extends HttpClient {

    /** How long a POST waits at a shut gate before it goes anyway: a bound, never reached by a passing test. */
    private static final long GATE_BOUND_SECONDS = 30;

    private final HttpClient delegate;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    void shut() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    int postsInFlight() {
        return inFlight.get();
    }

    int mostPostsInFlightAtOnce() {
        return mostInFlight.get();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (!isPost(request)) {
            return delegate.send(request, handler);
        }
        enter();
        try {
            awaitGate();
            return delegate.send(request, handler);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        if (!isPost(request)) {
            return delegate.sendAsync(request, handler, pushPromiseHandler);
        }
        enter();
        return CompletableFuture.runAsync(() -> {
                    try {
                        awaitGate();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .thenCompose(passed -> delegate.sendAsync(request, handler, pushPromiseHandler))
                .whenComplete((response, failure) -> inFlight.decrementAndGet());
    }

    private static boolean isPost(HttpRequest request) {
        return request.method().equals("POST");
    }

    private void enter() {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
    }

    private void awaitGate() throws InterruptedException {
        gate.await(GATE_BOUND_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
