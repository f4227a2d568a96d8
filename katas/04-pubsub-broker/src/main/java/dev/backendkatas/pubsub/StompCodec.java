package dev.backendkatas.pubsub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Reads and writes STOMP 1.2 frames (STOMP 1.2, "STOMP Frames", "Augmented BNF").
 *
 * <h2>Stage 7 — STOMP 1.2 on the wire</h2>
 * <ul>
 *   <li>A frame is a command line, header lines {@code name:value}, an empty line, the body, and a NUL octet. Every
 *       line ends with an EOL: {@code \n} or {@code \r\n}; a CR not followed by LF is malformed.</li>
 *   <li>Before a command, any number of EOLs may come: those are heart-beats (or the EOLs a peer may put after a
 *       frame's NUL), and {@link #read} skips them.</li>
 *   <li>A header line splits at its first colon; an empty name, or a line without a colon, is malformed. Headers are
 *       UTF-8.</li>
 *   <li>Escaping ("Value Encoding"): in every frame except CONNECT and CONNECTED, header names and values carry
 *       {@code \r}, {@code \n}, {@code \c} and {@code \\} for CR, LF, colon and backslash. Reading undoes them;
 *       any other escape sequence (such as {@code \t}, or a lone {@code \} at the end) is a fatal error. Writing applies
 *       them. In CONNECT and CONNECTED a backslash is an ordinary character.</li>
 *   <li>When a header repeats, the first entry wins ("Repeated Header Entries").</li>
 *   <li>With a {@code content-length} header (a decimal number of octets), the body is exactly that many octets, NULs
 *       allowed, and a NUL must follow. Without it, the body runs to the first NUL.</li>
 *   <li>Limits ({@link StompLimits}): a longer line, more headers, or a longer body (announced or read) is an error.
 *       A {@code content-length} that is not a plain decimal number is an error.</li>
 * </ul>
 * Every error is a {@link StompProtocolException}; the input stream is not to be read further after one.
 */
public final class StompCodec {

    private static final String STAGE_7 =
            "Stage 7: the STOMP frame codec — see katas/04-pubsub-broker/README.md, 'Stage 7 — STOMP 1.2 on the wire'";

    private final StompLimits limits;

    /** A codec that enforces {@code limits} when reading. */
    public StompCodec(StompLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads the next frame, skipping heart-beat EOLs before it.
     *
     * @return the frame, or {@code null} when the stream ends cleanly before a new frame begins
     * @throws StompProtocolException the bytes break the frame grammar or a limit
     * @throws java.io.EOFException   the stream ends inside a frame
     * @throws IOException            reading failed
     */
    public StompFrame read(InputStream in) throws IOException, StompProtocolException {
        throw new UnsupportedOperationException(STAGE_7);
    }

    /**
     * The frame's bytes: command, headers in order (escaped, except in CONNECT and CONNECTED), an empty line, the body
     * and a NUL. Lines end with {@code \n}. The codec adds no header of its own (not even {@code content-length}).
     *
     * @throws IllegalArgumentException a CONNECT or CONNECTED frame has a CR or LF in a header, or a colon in a header
     *                                  name: without escaping, they cannot be written
     */
    public byte[] encode(StompFrame frame) {
        throw new UnsupportedOperationException(STAGE_7);
    }

    /** Writes {@link #encode(StompFrame)} to {@code out} (no flush). */
    public void write(StompFrame frame, OutputStream out) throws IOException {
        out.write(encode(frame));
    }
}
