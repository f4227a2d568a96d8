package dev.backendkatas.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Thousands of concurrent HTTP/1.1 polls from one thread: non-blocking sockets on one {@link Selector}, one request
 * per connection. A client thread per poll would measure the client's threads, not the server's.
 */
final class PollClients implements AutoCloseable {

    /** Connections being opened at once, so that the server's accept backlog never overflows. */
    private static final int CONNECTING_AT_ONCE = 200;

    private final InetSocketAddress server;
    private final Selector selector;
    private final List<Poll> polls = new ArrayList<>();
    private int complete;
    private int ok;

    PollClients(InetSocketAddress server) throws IOException {
        this.server = server;
        this.selector = Selector.open();
    }

    /** Opens {@code count} connections and sends {@code GET target} on each; returns once every request is written. */
    void send(int count, String target) throws IOException {
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int started = 0;
        int connecting = 0;
        int written = 0;
        while (written < count) {
            while (started < count && connecting < CONNECTING_AT_ONCE) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Poll poll = new Poll(channel, ByteBuffer.wrap(request));
                polls.add(poll);
                channel.register(selector, channel.connect(server) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT,
                        poll);
                started++;
                connecting++;
            }
            selector.select(1000);
            for (SelectionKey key : selector.selectedKeys()) {
                Poll poll = (Poll) key.attachment();
                if (key.isConnectable() && poll.channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (key.isWritable()) {
                    poll.channel.write(poll.request);
                    if (!poll.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                        connecting--;
                        written++;
                    }
                } else if (key.isReadable()) {
                    read(key, poll);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /**
     * Reads until every poll has its complete response (or {@code timeoutNanos} passed).
     *
     * @return the {@link System#nanoTime()} at which the last response was complete
     */
    long awaitAll(long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        long last = System.nanoTime();
        while (complete < polls.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("only " + complete + " of " + polls.size() + " responses in time");
            }
            selector.select(Math.max(1, left / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                if (key.isValid() && key.isReadable() && read(key, (Poll) key.attachment())) {
                    last = System.nanoTime();
                }
            }
            selector.selectedKeys().clear();
        }
        return last;
    }

    /** Responses with status 200 so far. */
    int ok() {
        return ok;
    }

    /** Reads what arrived; true if that completed the response. */
    private boolean read(SelectionKey key, Poll poll) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        int n = poll.channel.read(buffer);
        if (n > 0) {
            poll.received.write(buffer.array(), 0, n);
        }
        if (poll.done || !(n < 0 || poll.responseComplete())) {
            return false;
        }
        poll.done = true;
        complete++;
        if (poll.received.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200 ")) {
            ok++;
        }
        key.cancel();
        poll.channel.close();
        return true;
    }

    @Override
    public void close() throws IOException {
        for (Poll poll : polls) {
            poll.channel.close();
        }
        selector.close();
    }

    private static final class Poll {
        final SocketChannel channel;
        final ByteBuffer request;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean done;

        Poll(SocketChannel channel, ByteBuffer request) {
            this.channel = channel;
            this.request = request;
        }

        /** Headers ended and Content-Length bytes of body arrived. */
        boolean responseComplete() {
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            int length = 0;
            for (String line : text.substring(0, end).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return text.length() - end - 4 >= length;
        }
    }
}
