package dev.backendkatas.pubsub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP server for STOMP 1.2 clients: it knows nothing about frames. One thread ({@code stomp-acceptor}) accepts
 * connections on the loopback address; each connection gets a thread ({@code stomp-connection-N}) that runs a
 * {@link StompConnection}. Given scaffolding: the lesson is in {@link StompConnection} and {@link StompCodec}.
 */
public final class StompServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StompServer.class.getName());
    private static final long JOIN_MILLIS = 5_000;

    private final Broker broker;
    private final StompLimits limits;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private ServerSocket serverSocket;
    private Thread acceptor;
    private boolean closed;

    /** A server for {@code broker} with {@link StompLimits#DEFAULTS}. */
    public StompServer(Broker broker) {
        this(broker, StompLimits.DEFAULTS);
    }

    /** A server for {@code broker} that enforces {@code limits} on every connection. */
    public StompServer(Broker broker, StompLimits limits) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Listens on the loopback address, on a port the system picks, and starts accepting.
     *
     * @return the port
     * @throws IllegalStateException started before, or closed
     */
    public synchronized int start() throws IOException {
        if (serverSocket != null || closed) {
            throw new IllegalStateException("a server starts once");
        }
        serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::acceptLoop, "stomp-acceptor-" + serverSocket.getLocalPort());
        acceptor.start();
        return serverSocket.getLocalPort();
    }

    /** The port, once started. */
    public synchronized int port() {
        if (serverSocket == null) {
            throw new IllegalStateException("not started");
        }
        return serverSocket.getLocalPort();
    }

    /** How many connections are being served right now. */
    public int openConnections() {
        return sockets.size();
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            long n = accepted.incrementAndGet();
            String sessionId = "stomp-" + n;
            Thread thread = new Thread(() -> serve(socket, sessionId), "stomp-connection-" + n);
            synchronized (this) {
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                sockets.add(socket);
                threads.add(thread);
            }
            thread.start();
        }
    }

    private void serve(Socket socket, String sessionId) {
        try {
            new StompConnection(broker, socket, limits, sessionId).run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "STOMP connection " + sessionId + " failed", e);
        } finally {
            closeQuietly(socket);
            sockets.remove(socket);
            threads.remove(Thread.currentThread());
        }
    }

    /** Stops accepting, closes every connection, and waits for the connection threads to end. */
    @Override
    public void close() {
        List<Thread> toJoin;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (serverSocket != null) {
                closeQuietly(serverSocket);
            }
            sockets.forEach(StompServer::closeQuietly);
            toJoin = new ArrayList<>(threads);
            if (acceptor != null) {
                toJoin.add(acceptor);
            }
        }
        for (Thread thread : toJoin) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            if (!(e instanceof SocketException)) {
                LOG.log(System.Logger.Level.DEBUG, "close failed", e);
            }
        }
    }
}
