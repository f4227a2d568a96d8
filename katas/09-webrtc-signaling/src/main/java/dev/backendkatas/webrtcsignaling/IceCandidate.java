package dev.backendkatas.webrtcsignaling;

import java.util.List;
import java.util.Objects;

/**
 * One ICE candidate, the fields of a candidate line (RFC 8839 §5.1):
 * <pre>
 *   candidate:&lt;foundation&gt; &lt;component-id&gt; &lt;transport&gt; &lt;priority&gt; &lt;connection-address&gt; &lt;port&gt;
 *             typ &lt;cand-type&gt; [raddr &lt;rel-addr&gt;] [rport &lt;rel-port&gt;] *(&lt;extension-name&gt; &lt;extension-value&gt;)
 * </pre>
 *
 * <p>Given. The record checks nothing: the rules are the parser's (Stage 3).
 *
 * @param foundation     1 to 32 ice-chars
 * @param componentId    1 to 256; 1 is RTP, 2 is RTCP
 * @param transport      as written: {@code UDP}, {@code udp}, {@code TCP}, …
 * @param priority       1 to 2^31 - 1 (RFC 8445 §5.1.2)
 * @param address        an IPv4 or IPv6 address, or a host name such as an mDNS {@code <uuid>.local}
 * @param port           0 to 65535
 * @param type           the candidate type
 * @param relatedAddress {@code raddr}, or {@code null}
 * @param relatedPort    {@code rport}, or {@code null}
 * @param extensions     the name/value pairs after the known fields, in order ({@code generation 0},
 *                       {@code tcptype active}, {@code network-cost 10}, …), kept even when unknown
 */
public record IceCandidate(String foundation, int componentId, String transport, long priority, String address,
                           int port, CandidateType type, String relatedAddress, Integer relatedPort,
                           List<Extension> extensions) {

    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        extensions = List.copyOf(extensions);
    }

    /** One extension attribute of a candidate line: a name and a value (RFC 8839 §5.1, cand-extension). */
    public record Extension(String name, String value) {
        public Extension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
