package dev.backendkatas.webrtcsignaling;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One media description (RFC 8866 §5.14): its {@code m=} line, taken apart, and every line after it up to the next
 * {@code m=} line, in order ({@code i=}, {@code c=}, {@code b=}, {@code k=}, {@code a=}).
 *
 * <pre>
 *   m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...
 * </pre>
 *
 * <p>Given.
 *
 * @param media         {@code audio}, {@code video}, {@code application}, … (a token)
 * @param port          the transport port, 0 to 65535; 0 rejects the stream in an answer (RFC 3264 §6)
 * @param numberOfPorts the optional {@code /<number of ports>}, or {@code null} when absent
 * @param proto         the transport protocol, such as {@code UDP/TLS/RTP/SAVPF} or {@code UDP/DTLS/SCTP}
 * @param formats       the media formats: RTP payload types, or {@code webrtc-datachannel}; at least one
 * @param lines         the lines after the {@code m=} line, in the order they appear
 */
public record MediaDescription(String media, int port, Integer numberOfPorts, String proto, List<String> formats,
                               List<SdpLine> lines) {

    public MediaDescription {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(proto, "proto");
        formats = List.copyOf(formats);
        lines = List.copyOf(lines);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0 to 65535: " + port);
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("an m= line has at least one format (RFC 8866 §5.14)");
        }
    }

    /** The values of every {@code a=name:value} line of this section with that name, in order. */
    public List<String> attributeValues(String name) {
        return lines.stream().filter(l -> l.isAttribute() && l.attributeName().equals(name))
                .map(l -> l.attributeValue() == null ? "" : l.attributeValue()).toList();
    }

    /** The value of the first {@code a=name:value} line with that name ({@code ""} for a property attribute). */
    public Optional<String> attribute(String name) {
        return attributeValues(name).stream().findFirst();
    }

    /** Whether this section has an {@code a=} line with that name. */
    public boolean hasAttribute(String name) {
        return lines.stream().anyMatch(l -> l.isAttribute() && l.attributeName().equals(name));
    }

    /** The media stream identification, {@code a=mid} (RFC 5888 §4), if there is one. */
    public Optional<String> mid() {
        return attribute("mid");
    }
}
