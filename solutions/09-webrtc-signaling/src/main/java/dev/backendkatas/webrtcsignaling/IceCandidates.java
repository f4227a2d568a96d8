package dev.backendkatas.webrtcsignaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stage 3 — ICE candidates: parse and write candidate lines (RFC 8839 §5.1), compute priorities (RFC 8445 §5.1.2),
 * and recognise the end of candidates (RFC 8838 §4.4).
 */
public final class IceCandidates {

    /** The largest priority: 2^31 - 1 (RFC 8445 §5.1.2). */
    public static final long MAX_PRIORITY = (1L << 31) - 1;

    private static final String PREFIX = "candidate:";

    private IceCandidates() {
    }

    /**
     * Parses a candidate line; the stub's Javadoc states every rule.
     *
     * @param line the candidate line, without a line end
     * @return the candidate
     * @throws IceCandidateException for any broken rule, naming the field
     */
    public static IceCandidate parse(String line) {
        Objects.requireNonNull(line, "line");
        String body = line.startsWith("a=") ? line.substring(2) : line;
        if (!body.startsWith(PREFIX)) {
            throw fail(line, "a candidate line starts with 'candidate:'");
        }
        // split(" ", -1) keeps empty tokens: a double space or a trailing space is an error, not a separator.
        String[] t = body.substring(PREFIX.length()).split(" ", -1);
        for (String token : t) {
            if (token.isEmpty()) {
                throw fail(line, "fields are separated by single spaces");
            }
        }
        if (t.length < 8) {
            throw fail(line, "a candidate has foundation, component, transport, priority, address, port and typ");
        }
        String foundation = t[0];
        if (foundation.length() > 32 || !isIceChars(foundation)) {
            throw fail(line, "foundation is 1 to 32 ice-chars (ALPHA / DIGIT / \"+\" / \"/\"): " + foundation);
        }
        int component = (int) number(t[1], 3, 1, 256, line, "component-id");
        String transport = t[2];
        if (!isToken(transport)) {
            throw fail(line, "transport is a token: " + transport);
        }
        long priority = number(t[3], 10, 1, MAX_PRIORITY, line, "priority");
        String address = t[4];
        checkAddress(address, line, "connection-address");
        int port = (int) number(t[5], 5, 0, 65535, line, "port");
        if (!t[6].equals("typ")) {
            throw fail(line, "expected 'typ' after the port, found: " + t[6]);
        }
        CandidateType type = type(t[7], line);

        int i = 8;
        String raddr = null;
        Integer rport = null;
        if (i < t.length && t[i].equals("raddr")) {
            if (i + 3 >= t.length) {
                throw fail(line, "raddr needs an address, then rport and a port");
            }
            raddr = t[i + 1];
            checkAddress(raddr, line, "rel-addr");
            if (!t[i + 2].equals("rport")) {
                throw fail(line, "raddr is followed by rport (RFC 8839 §5.1)");
            }
            rport = (int) number(t[i + 3], 5, 0, 65535, line, "rel-port");
            i += 4;
        } else if (i < t.length && t[i].equals("rport")) {
            throw fail(line, "rport without raddr");
        }
        if (type == CandidateType.HOST && raddr != null) {
            throw fail(line, "a host candidate has no raddr/rport (RFC 8839 §5.1)");
        }
        if (type != CandidateType.HOST && raddr == null) {
            throw fail(line, "a " + type.token() + " candidate carries raddr and rport (RFC 8839 §5.1)");
        }

        List<IceCandidate.Extension> extensions = new ArrayList<>();
        for (; i < t.length; i += 2) {
            if (i + 1 >= t.length) {
                throw fail(line, "extension '" + t[i] + "' has no value: extensions are name/value pairs");
            }
            if (t[i].equals("raddr") || t[i].equals("rport")) {
                throw fail(line, t[i] + " comes right after typ, not among the extensions");
            }
            extensions.add(new IceCandidate.Extension(t[i], t[i + 1]));
        }
        return new IceCandidate(foundation, component, transport, priority, address, port, type, raddr, rport,
                extensions);
    }

    /**
     * Writes a candidate as {@code candidate:...}.
     *
     * @param candidate the candidate
     * @return the candidate line
     */
    public static String write(IceCandidate candidate) {
        StringBuilder b = new StringBuilder(PREFIX).append(candidate.foundation()).append(' ')
                .append(candidate.componentId()).append(' ').append(candidate.transport()).append(' ')
                .append(candidate.priority()).append(' ').append(candidate.address()).append(' ')
                .append(candidate.port()).append(" typ ").append(candidate.type().token());
        if (candidate.relatedAddress() != null) {
            b.append(" raddr ").append(candidate.relatedAddress()).append(" rport ").append(candidate.relatedPort());
        }
        for (IceCandidate.Extension e : candidate.extensions()) {
            b.append(' ').append(e.name()).append(' ').append(e.value());
        }
        return b.toString();
    }

    /**
     * {@code 2^24 * type preference + 2^8 * local preference + (256 - component ID)} (RFC 8445 §5.1.2.1).
     *
     * @param typePreference  0 to 126
     * @param localPreference 0 to 65535
     * @param componentId     1 to 256
     * @return the priority
     */
    public static long priority(int typePreference, int localPreference, int componentId) {
        if (typePreference < 0 || typePreference > 126) {
            throw new IllegalArgumentException("type preference is 0 to 126: " + typePreference);
        }
        if (localPreference < 0 || localPreference > 65535) {
            throw new IllegalArgumentException("local preference is 0 to 65535: " + localPreference);
        }
        if (componentId < 1 || componentId > 256) {
            throw new IllegalArgumentException("component ID is 1 to 256: " + componentId);
        }
        // At most 126 * 2^24 + 65535 * 2^8 + 255 = 2,130,706,431 < 2^31: it fits; long keeps the sum clear anyway.
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - componentId);
    }

    /**
     * 126 host, 110 prflx, 100 srflx, 0 relay (RFC 8445 §5.1.2.2).
     *
     * @param type the candidate type
     * @return its recommended type preference
     */
    public static int recommendedTypePreference(CandidateType type) {
        return switch (type) {
            case HOST -> 126;
            case PRFLX -> 110;
            case SRFLX -> 100;
            case RELAY -> 0;
        };
    }

    /**
     * Whether a trickled line ends the candidates.
     *
     * @param line the trickled line
     * @return whether it ends the candidates
     */
    public static boolean isEndOfCandidates(String line) {
        return line.isEmpty() || line.equals("end-of-candidates") || line.equals("a=end-of-candidates");
    }

    private static CandidateType type(String token, String line) {
        for (CandidateType type : CandidateType.values()) {
            if (type.token().equals(token)) {
                return type;
            }
        }
        throw fail(line, "unknown candidate type '" + token + "': host, srflx, prflx or relay (RFC 8445 §5.1.1)");
    }

    private static long number(String s, int maxDigits, long min, long max, String line, String field) {
        if (s.isEmpty() || s.length() > maxDigits) {
            throw fail(line, field + " is 1 to " + maxDigits + " digits: " + s);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw fail(line, field + " is digits only: " + s);
            }
        }
        long n = Long.parseLong(s);
        if (n < min || n > max) {
            throw fail(line, field + " is " + min + " to " + max + ": " + s);
        }
        return n;
    }

    private static void checkAddress(String a, String line, String field) {
        boolean ok = a.indexOf(':') >= 0 ? isIpv6(a) : looksLikeIpv4(a) ? isIpv4(a) : isHostName(a);
        if (!ok) {
            throw fail(line, field + " is an IPv4 address, an IPv6 address or a host name: " + a);
        }
    }

    /** All digits and dots: meant as an IPv4 address, so it must be a valid one (not a host name "1.2.3.999"). */
    private static boolean looksLikeIpv4(String a) {
        return a.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static boolean isIpv4(String a) {
        String[] octets = a.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 §2.2 text forms, without zone ids: up to 8 groups of 1 to 4 hex digits, at most one "::". */
    private static boolean isIpv6(String a) {
        int doubleColon = a.indexOf("::");
        if (doubleColon >= 0 && a.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] parts = a.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                continue;   // from "::", or the leading/trailing colon of "::1" / "1::"
            }
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) {
                    return false;
                }
                groups += 2;   // an embedded IPv4 address takes two groups, e.g. ::ffff:192.0.2.1
                continue;
            }
            if (p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            groups++;
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8 && !a.startsWith(":") && !a.endsWith(":");
    }

    /** RFC 1123 §2.1 host names: labels of letters, digits and '-', 1 to 63 characters, 253 in all. */
    private static boolean isHostName(String a) {
        if (a.isEmpty() || a.length() > 253) {
            return false;
        }
        for (String label : a.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isIceChars(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static IceCandidateException fail(String line, String rule) {
        return new IceCandidateException(rule + " (RFC 8839 §5.1) in: " + SdpParseException.visible(line));
    }
}
