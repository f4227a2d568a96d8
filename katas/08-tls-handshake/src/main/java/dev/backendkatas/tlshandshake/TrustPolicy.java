package dev.backendkatas.tlshandshake;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Whom the client trusts, and whom it wants to talk to: the certificates it accepts as trust anchors (the roots of a
 * browser's or the JDK's {@code cacerts}, or, for a self-signed server, that server's own certificate), the host name
 * it asked for, and the clock that says whether a certificate is still valid.
 *
 * <p>Given.
 *
 * @param trustAnchors the trusted certificates; at least one
 * @param hostName     the DNS name the client connects to (RFC 6125 §6), compared with the certificate's names
 * @param clock        "now" for the certificates' validity periods; tests fix it, a real client uses the system clock
 */
public record TrustPolicy(List<X509Certificate> trustAnchors, String hostName, Clock clock) {

    public TrustPolicy {
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(clock, "clock");
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("trust at least one certificate");
        }
    }
}
