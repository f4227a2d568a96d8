package dev.backendkatas.webrtcsignaling;

import java.io.IOException;

/**
 * One peer's open event stream: the {@code text/event-stream} response of its {@code GET /rooms/{room}/events}.
 *
 * <p>Given: the server makes one for each GET and hands it to {@link Rooms#join}. Writes may block while the peer
 * reads slowly (the TCP window is full), so call them on a delivery thread, never while holding a lock a request
 * thread needs. An {@link IOException} means the peer is gone: the stream is then closed and stays closed.
 */
public interface PeerStream {

    /** Writes one event ({@link SseWriter#send}) and flushes it. */
    void send(SseEvent event) throws IOException;

    /** Writes one comment line ({@link SseWriter#comment}), e.g. a heartbeat, and flushes it. */
    void comment(String text) throws IOException;

    /** Ends the response; harmless when already closed. Later writes throw {@link IOException}. */
    void close();
}
