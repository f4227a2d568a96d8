package dev.backendkatas.requestparsing;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Serves one connection on the thread that runs it: reads, parses, answers in order, until the connection must end
 * (RFC 9112 §9). It never closes the socket itself; the server does that on every path, in one place.
 */
final class ConnectionHandler implements Runnable {

    private static final System.Logger LOG = System.getLogger(BlockingHttpServer.class.getName());

    private static final int READ_BUFFER_SIZE = 8 * 1024;
    /** After an error response, at most this much of the rest of the request is read and thrown away, ... */
    private static final int MAX_DRAIN_BYTES = 64 * 1024;
    /** ... for at most this long. */
    private static final Duration MAX_DRAIN_TIME = Duration.ofSeconds(1);

    private final Socket socket;
    private final RequestHandler handler;
    private final ParserLimits limits;
    private final Duration idleTimeout;

    ConnectionHandler(Socket socket, RequestHandler handler, ParserLimits limits, Duration idleTimeout) {
        this.socket = socket;
        this.handler = handler;
        this.limits = limits;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void run() {
        try {
            socket.setSoTimeout(millis(idleTimeout));
            // Responses go out in one flush each; Nagle's algorithm would only hold back the next pipelined one.
            socket.setTcpNoDelay(true);
            serve(socket.getInputStream(), new BufferedOutputStream(socket.getOutputStream()));
        } catch (IOException e) {
            // A reset, a broken pipe, or the server closing the socket under us: the end of this connection, and not
            // a fault of the server, so it is no more than a debug line.
            LOG.log(DEBUG, () -> "connection " + socket.getRemoteSocketAddress() + " ended: " + e);
        }
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        RequestParser parser = new RequestParser(limits);
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException idle) {
                if (parser.hasPartialRequest()) {
                    HttpResponse.error(408).writeTo(out, true);
                }
                return; // between requests, a quiet close is the polite answer to silence (RFC 9112 §9.5)
            }
            if (n < 0) {
                if (parser.hasPartialRequest()) {
                    LOG.log(INFO, "{0} closed the connection in the middle of a request",
                            socket.getRemoteSocketAddress());
                }
                return;
            }
            List<HttpRequest> requests;
            try {
                requests = parser.feed(buffer, 0, n);
            } catch (HttpParseException e) {
                LOG.log(DEBUG, () -> "refused a request from " + socket.getRemoteSocketAddress() + ": " + e.getMessage());
                // The same read may have held good requests ahead of the bad one: they are answered first, so that
                // each response goes to the request it belongs to (RFC 9112 §9.3.2).
                if (answerAll(e.requestsBefore(), out)) {
                    HttpResponse.error(e.status()).writeTo(out, true);
                    drainBeforeClose(in);
                }
                return;
            }
            if (!answerAll(requests, out)) {
                return;
            }
        }
    }

    /** Answers the requests in order; returns whether the connection stays open after them. */
    private boolean answerAll(List<HttpRequest> requests, OutputStream out) throws IOException {
        for (HttpRequest request : requests) {
            if (!answer(request, out)) {
                return false; // what follows a request that closes the connection is never processed (RFC 9112 §9.6)
            }
        }
        return true;
    }

    /** Answers one request; returns whether the connection stays open for the next. */
    private boolean answer(HttpRequest request, OutputStream out) throws IOException {
        HttpResponse response;
        try {
            response = Objects.requireNonNull(handler.handle(request), "the handler returned no response");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(WARNING, "the handler failed on " + request, e);
            HttpResponse.error(500).writeTo(out, true);
            return false;
        }
        boolean keepAlive = request.keepAlive();
        response.writeTo(out, !keepAlive);
        return keepAlive;
    }

    /**
     * A lingering close (RFC 9112 §9.6): after an error the client may still be sending the rest of its request.
     * Closing a socket with unread input makes TCP send a reset, and a reset can destroy the error response before
     * the client has read it. So: send FIN first, then read and discard for a bounded time and size.
     */
    private void drainBeforeClose(InputStream in) {
        long deadline = System.nanoTime() + Math.min(idleTimeout.toNanos(), MAX_DRAIN_TIME.toNanos());
        byte[] sink = new byte[4096];
        int drained = 0;
        try {
            socket.shutdownOutput();
            while (drained < MAX_DRAIN_BYTES) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                socket.setSoTimeout(millis(Duration.ofNanos(left)));
                int n = in.read(sink);
                if (n < 0) {
                    return;
                }
                drained += n;
            }
        } catch (IOException e) {
            // Timed out, or the client is gone: either way there is nothing left to protect.
        }
    }

    /** SO_TIMEOUT in milliseconds, where 0 would mean "forever": never round a short timeout down to 0. */
    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
