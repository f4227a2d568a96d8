package dev.backendkatas.webrtcsignaling;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the answering peer supports and who it is: its codecs, whether it takes data channels, the SCTP port it listens
 * on, and the fingerprint of its DTLS certificate.
 *
 * <p>Given.
 *
 * @param codecs       the codecs this peer can receive and send, any kind
 * @param dataChannels whether this peer accepts an {@code m=application ... webrtc-datachannel} section
 * @param sctpPort     the SCTP port of {@code a=sctp-port} (RFC 8841 §5), 1 to 65535; 5000 by convention
 * @param fingerprint  the value of {@code a=fingerprint} (RFC 8122 §5): a hash function name, a space, and the
 *                     certificate's hash as upper-case hex pairs separated by colons
 */
public record LocalCapabilities(List<Codec> codecs, boolean dataChannels, int sctpPort, String fingerprint) {

    private static final Pattern FINGERPRINT = Pattern.compile("[a-z0-9-]+ [0-9A-F]{2}(:[0-9A-F]{2})+");

    public LocalCapabilities {
        codecs = List.copyOf(codecs);
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("a fingerprint is '<hash-func> XX:XX:…' (RFC 8122 §5): " + fingerprint);
        }
        if (sctpPort < 1 || sctpPort > 65535) {
            throw new IllegalArgumentException("an SCTP port is 1 to 65535: " + sctpPort);
        }
    }
}
