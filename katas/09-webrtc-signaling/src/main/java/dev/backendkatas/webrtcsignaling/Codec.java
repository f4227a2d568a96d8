package dev.backendkatas.webrtcsignaling;

import java.util.Objects;

/**
 * A codec this peer can use: the media kind, the encoding name and the clock rate of an {@code a=rtpmap} line
 * (RFC 8866 §6.6: {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}).
 *
 * <p>Given.
 *
 * @param kind      {@code audio} or {@code video}: the {@code <media>} of the m= line it belongs to
 * @param name      the encoding name, such as {@code opus}, {@code VP8}, {@code rtx}; compared case-insensitively
 * @param clockRate the RTP clock rate in Hz, such as 48000 or 90000
 */
public record Codec(String kind, String name, int clockRate) {

    public Codec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("a clock rate is positive: " + clockRate);
        }
    }
}
