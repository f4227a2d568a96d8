package dev.backendkatas.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A TCP proxy on loopback between the client and the server that loses things the way networks do.
 *
 * <p>Each connection it accepts gets a {@link Fault}: how many bytes may go towards the server, and how many may come
 * back, before both sockets are closed at that exact byte. A cut on the way there interrupts the request in the
 * middle (the server never sees a whole request). A cut on the way back loses the response <em>after the server
 * processed the request</em>: the payment happened, the client never heard so. That is the double-payment trap.
 */
final class FaultyProxy implements AutoCloseable {

    /** Byte budgets of one connection; {@code Long.MAX_VALUE} is no limit. */
    record Fault(long up, long down) {

        static final Fault NONE = new Fault(Long.MAX_VALUE, Long.MAX_VALUE);

        /** The whole request reaches the server, not one byte of the response comes back. */
        static Fault dropResponse() {
            return new Fault(Long.MAX_VALUE, 0);
        }

        /** Only the first {@code bytes} of the request reach the server. */
        static Fault cutRequest(long bytes) {
            return new Fault(bytes, Long.MAX_VALUE);
        }
    }

    private final int upstreamPort;
    private final IntFunction<Fault> faults;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger upCuts = new AtomicInteger();
    private final AtomicInteger downCuts = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ServerSocket listener;
    private final Thread acceptor;

    /** @param faults the fault of connection number 0, 1, 2, … (called on the accepting thread, in order) */
    FaultyProxy(int upstreamPort, IntFunction<Fault> faults) throws IOException {
        this.upstreamPort = upstreamPort;
        this.faults = faults;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "faulty-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Requests cut on their way to the server. */
    int upCuts() {
        return upCuts.get();
    }

    /** Responses lost on their way back. */
    int downCuts() {
        return downCuts.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                Fault fault = faults.apply(connections.getAndIncrement());
                AtomicBoolean cut = new AtomicBoolean();
                relay(client, server, fault.up(), upCuts, cut);
                relay(server, client, fault.down(), downCuts, cut);
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    private void relay(Socket from, Socket to, long budget, AtomicInteger cuts, AtomicBoolean cut) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long left = budget;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer, 0, buffer.length)) != -1) {
                    int pass = (int) Math.min(n, left);
                    out.write(buffer, 0, pass);
                    out.flush();
                    left -= pass;
                    if (pass < n || left == 0) {
                        if (cut.compareAndSet(false, true)) {
                            cuts.incrementAndGet();
                        }
                        // A cut, not a goodbye: reset both connections (SO_LINGER 0), so that neither side takes
                        // the bytes it got so far for a whole message ended by a FIN.
                        from.setSoLinger(true, 0);
                        to.setSoLinger(true, 0);
                        break;
                    }
                }
            } catch (IOException e) {
                // the other direction closed the sockets
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "faulty-proxy-relay");
        pump.setDaemon(true);
        pump.start();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
