package dev.backendkatas.chunkedupload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that relays bytes both ways and cuts connections, like a bad mobile network.
 *
 * <p>For each connection it accepts, it draws two budgets from a seeded {@link Random}: how many bytes may go from
 * the client to the server, and how many back. When either budget is spent, both sockets are closed at that exact
 * byte: in the middle of a request line, a header, a chunk, or a response. Cutting the way back loses
 * acknowledgements: the server stored the chunk, the client never heard so.
 */
final class FaultyProxy implements AutoCloseable {

    private final int upstreamPort;
    private final Random random;
    private final int maxUpBytes;
    private final int maxDownBytes;
    private final AtomicInteger upstreamCuts = new AtomicInteger();
    private final AtomicInteger downstreamCuts = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ServerSocket listener;
    private final Thread acceptor;

    /**
     * @param maxUpBytes   a connection carries 1 to this many bytes towards the server before it is cut
     * @param maxDownBytes a connection carries 1 to this many bytes back to the client before it is cut
     */
    FaultyProxy(int upstreamPort, long seed, int maxUpBytes, int maxDownBytes) throws IOException {
        this.upstreamPort = upstreamPort;
        this.random = new Random(seed);
        this.maxUpBytes = maxUpBytes;
        this.maxDownBytes = maxDownBytes;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "faulty-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections cut while the client was sending. */
    int upstreamCuts() {
        return upstreamCuts.get();
    }

    /** Connections cut while the server was answering. */
    int downstreamCuts() {
        return downstreamCuts.get();
    }

    int cuts() {
        return upstreamCuts() + downstreamCuts();
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                connections.incrementAndGet();
                open.add(client);
                open.add(server);
                // Drawn on the accepting thread, in connection order: the same seed gives the same budgets.
                long up = 1 + random.nextInt(maxUpBytes);
                long down = 1 + random.nextInt(maxDownBytes);
                AtomicBoolean cut = new AtomicBoolean();
                relay(client, server, up, upstreamCuts, cut);
                relay(server, client, down, downstreamCuts, cut);
            } catch (IOException e) {
                // the listener was closed, or the server refused: the client sees its connection fail
            }
        }
    }

    private void relay(Socket from, Socket to, long budget, AtomicInteger cutCounter, AtomicBoolean cut) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long left = budget;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                    out.write(buffer, 0, n);
                    out.flush();
                    left -= n;
                    if (left == 0) {
                        if (cut.compareAndSet(false, true)) {
                            cutCounter.incrementAndGet();
                        }
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
