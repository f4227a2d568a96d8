package dev.backendkatas.webrtcsignaling;

/**
 * Stage 1 — writes a {@link SessionDescription} as SDP text (RFC 8866 §5).
 */
public final class SdpWriter {

    private SdpWriter() {
    }

    /**
     * Writes the session lines, then each media description: its {@code m=} line
     * ({@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...}, single spaces) and its lines, every line
     * ending with CRLF (RFC 8866 §5). For a description that {@link SdpParser} read from CRLF text, the result is that
     * text, byte for byte.
     *
     * @param description the description to write
     * @return the SDP text
     * @throws IllegalArgumentException when a value holds a CR, an LF or a NUL: written out, it would end the line
     *                                  early and smuggle in lines of the sender's choosing
     */
    public static String write(SessionDescription description) {
        throw new UnsupportedOperationException("Stage 1: write a session description"
                + " — see katas/09-webrtc-signaling/README.md, 'Stage 1 — SDP'");
    }
}
