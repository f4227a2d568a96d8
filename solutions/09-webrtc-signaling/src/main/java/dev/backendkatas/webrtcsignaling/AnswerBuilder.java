package dev.backendkatas.webrtcsignaling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Stage 2 — builds the answer to a remote offer (RFC 3264 §6; JSEP, RFC 8829 §5.3.1) from this peer's
 * {@link LocalCapabilities}.
 */
public final class AnswerBuilder {

    /** The shortest legal ice-ufrag and ice-pwd (RFC 8839 §5.4): 4 and 22 ice-chars. */
    public static final int MIN_UFRAG_LENGTH = 4;
    public static final int MIN_PWD_LENGTH = 22;

    // We send more than the minimum: the password is the secret of the STUN checks (RFC 8445 §7.2.2).
    private static final int UFRAG_LENGTH = 8;
    private static final int PWD_LENGTH = 24;
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static final Set<String> SRTP_PROTOS = Set.of("UDP/TLS/RTP/SAVPF", "UDP/TLS/RTP/SAVP",
            "TCP/DTLS/RTP/SAVPF", "TCP/DTLS/RTP/SAVP");
    private static final Set<String> SCTP_PROTOS = Set.of("UDP/DTLS/SCTP", "TCP/DTLS/SCTP");
    private static final Set<String> DIRECTIONS = Set.of("sendrecv", "sendonly", "recvonly", "inactive");

    private final LocalCapabilities local;
    private final RandomGenerator random;

    /**
     * @param local  what this peer supports
     * @param random where the ICE credentials and the session id come from; a {@code SecureRandom} in production
     */
    public AnswerBuilder(LocalCapabilities local, RandomGenerator random) {
        this.local = Objects.requireNonNull(local, "local");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The answer to {@code offer}; the stub's Javadoc states every rule.
     *
     * @param offer the remote offer, parsed
     * @return the answer
     * @throws OfferAnswerException when the offer cannot be answered
     */
    public SessionDescription answer(SessionDescription offer) {
        Objects.requireNonNull(offer, "offer");
        List<String> mids = checkMids(offer);
        Optional<List<String>> bundle = bundleGroup(offer, mids);

        // One set of credentials for the whole answer: with BUNDLE every section shares one transport.
        String ufrag = iceString(UFRAG_LENGTH);
        String pwd = iceString(PWD_LENGTH);

        List<MediaDescription> sections = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            MediaDescription answered = answerSection(offer, m, ufrag, pwd);
            sections.add(answered);
            if (answered.port() != 0) {
                accepted.add(m.mid().orElseThrow());
            }
        }

        List<SdpLine> session = new ArrayList<>();
        session.add(new SdpLine('v', "0"));
        session.add(new SdpLine('o', "- " + random.nextLong(1, Long.MAX_VALUE) + " 0 IN IP4 0.0.0.0"));
        session.add(new SdpLine('s', "-"));
        session.add(new SdpLine('t', "0 0"));
        if (bundle.isPresent()) {
            // The answer's group: the offered group's order, without the rejected sections (RFC 8843 §7.3.3).
            List<String> group = bundle.get().stream().filter(accepted::contains).toList();
            if (!group.isEmpty()) {
                session.add(SdpLine.attribute("group", "BUNDLE " + String.join(" ", group)));
            }
        }
        return new SessionDescription(session, sections);
    }

    private static List<String> checkMids(SessionDescription offer) {
        List<String> mids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < offer.media().size(); i++) {
            Optional<String> mid = offer.media().get(i).mid();
            if (mid.isEmpty()) {
                throw new OfferAnswerException("m= section " + (i + 1) + " has no a=mid (RFC 8829 §5.2.1)");
            }
            if (!seen.add(mid.get())) {
                throw new OfferAnswerException("two m= sections have the same mid '" + mid.get()
                        + "' (RFC 5888 §4: a mid identifies one section)");
            }
            mids.add(mid.get());
        }
        return mids;
    }

    private static Optional<List<String>> bundleGroup(SessionDescription offer, List<String> mids) {
        for (String group : offer.attributeValues("group")) {
            List<String> tokens = List.of(group.split(" "));
            if (!tokens.get(0).equals("BUNDLE")) {
                continue;
            }
            List<String> members = tokens.subList(1, tokens.size());
            for (String member : members) {
                if (!mids.contains(member)) {
                    throw new OfferAnswerException("the BUNDLE group names mid '" + member
                            + "', which no m= section has (RFC 8843 §7.2)");
                }
            }
            return Optional.of(members);
        }
        return Optional.empty();
    }

    private MediaDescription answerSection(SessionDescription offer, MediaDescription m, String ufrag, String pwd) {
        String mid = m.mid().orElseThrow();
        // Port 0 in the offer is already a rejection; an answer cannot bring the section back (RFC 3264 §6).
        if (m.port() == 0) {
            return rejected(m);
        }
        boolean rtp = (m.media().equals("audio") || m.media().equals("video")) && SRTP_PROTOS.contains(m.proto());
        boolean data = m.media().equals("application") && SCTP_PROTOS.contains(m.proto())
                && m.formats().equals(List.of("webrtc-datachannel")) && local.dataChannels();
        List<String> kept = rtp ? keptPayloadTypes(m) : List.of();
        if (!data && kept.isEmpty()) {
            return rejected(m);
        }

        List<SdpLine> lines = new ArrayList<>();
        lines.add(new SdpLine('c', "IN IP4 0.0.0.0"));
        lines.add(SdpLine.attribute("mid", mid));
        require(offer, m, "ice-ufrag");
        require(offer, m, "ice-pwd");
        require(offer, m, "fingerprint");
        lines.add(SdpLine.attribute("ice-ufrag", ufrag));
        lines.add(SdpLine.attribute("ice-pwd", pwd));
        lines.add(SdpLine.attribute("fingerprint", local.fingerprint()));
        lines.add(SdpLine.attribute("setup", answerSetup(require(offer, m, "setup"), mid)));
        if (data) {
            lines.add(SdpLine.attribute("sctp-port", Integer.toString(local.sctpPort())));
            return new MediaDescription(m.media(), 9, null, m.proto(), m.formats(), lines);
        }
        lines.add(SdpLine.attribute(mirror(direction(offer, m)), null));
        if (m.hasAttribute("rtcp-mux")) {
            lines.add(SdpLine.attribute("rtcp-mux", null));
        }
        Set<String> keptSet = new HashSet<>(kept);
        for (SdpLine line : m.lines()) {
            if (line.isAttribute() && Set.of("rtpmap", "rtcp-fb", "fmtp").contains(line.attributeName())
                    && line.attributeValue() != null
                    && keptSet.contains(firstToken(line.attributeValue()))) {
                lines.add(line);
            }
        }
        return new MediaDescription(m.media(), 9, null, m.proto(), kept, lines);
    }

    private static MediaDescription rejected(MediaDescription m) {
        List<SdpLine> lines = new ArrayList<>();
        lines.add(new SdpLine('c', "IN IP4 0.0.0.0"));
        m.mid().ifPresent(mid -> lines.add(SdpLine.attribute("mid", mid)));
        return new MediaDescription(m.media(), 0, null, m.proto(), m.formats(), lines);
    }

    /** The offer's payload types that we support, in the offer's order; rtx only with its apt. */
    private List<String> keptPayloadTypes(MediaDescription m) {
        Set<String> supported = new LinkedHashSet<>();
        List<String[]> rtx = new ArrayList<>();   // {pt, apt}
        for (String pt : m.formats()) {
            Optional<String> rtpmap = valueFor(m, "rtpmap", pt);
            if (rtpmap.isEmpty()) {
                continue;   // no rtpmap, no name to compare: not negotiable here
            }
            String[] encoding = rtpmap.get().split("/");
            if (encoding.length < 2) {
                continue;
            }
            String name = encoding[0];
            int clockRate;
            try {
                clockRate = Integer.parseInt(encoding[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (!hasLocalCodec(m.media(), name, clockRate)) {
                continue;
            }
            if (name.equalsIgnoreCase("rtx")) {
                rtx.add(new String[] {pt, apt(m, pt)});
            } else {
                supported.add(pt);
            }
        }
        for (String[] r : rtx) {
            if (r[1] != null && supported.contains(r[1])) {
                supported.add(r[0]);
            }
        }
        // Back to the offer's order: the rtx payload types were added last.
        return m.formats().stream().filter(supported::contains).toList();
    }

    private boolean hasLocalCodec(String kind, String name, int clockRate) {
        return local.codecs().stream().anyMatch(c -> c.kind().equals(kind) && c.name().equalsIgnoreCase(name)
                && c.clockRate() == clockRate);
    }

    /** The value after "pt " of the first a=name:pt ... line, e.g. "opus/48000/2" for rtpmap. */
    private static Optional<String> valueFor(MediaDescription m, String name, String pt) {
        return m.attributeValues(name).stream().filter(v -> firstToken(v).equals(pt))
                .map(v -> v.substring(Math.min(v.length(), pt.length() + 1))).findFirst();
    }

    private static String apt(MediaDescription m, String pt) {
        Optional<String> fmtp = valueFor(m, "fmtp", pt);
        if (fmtp.isEmpty()) {
            return null;
        }
        for (String parameter : fmtp.get().split(";")) {
            String p = parameter.strip();
            if (p.startsWith("apt=")) {
                return p.substring(4);
            }
        }
        return null;
    }

    private static String firstToken(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }

    /** The media-level attribute, else the session-level one (RFC 8866 §5.13: media level overrides). */
    private static String require(SessionDescription offer, MediaDescription m, String name) {
        return m.attribute(name).or(() -> offer.attribute(name)).orElseThrow(() -> new OfferAnswerException(
                "m= section '" + m.mid().orElse("?") + "' has no a=" + name + ", at media or session level"
                        + " (RFC 8829 §5.8)"));
    }

    private static String answerSetup(String offered, String mid) {
        return switch (offered) {
            // active is RECOMMENDED for the answerer: the DTLS handshake can start with the answer (RFC 8842 §5.2).
            case "actpass", "passive" -> "active";
            case "active" -> "passive";
            default -> throw new OfferAnswerException("m= section '" + mid + "' offers a=setup:" + offered
                    + "; an offer says actpass, active or passive (RFC 8842 §5.2)");
        };
    }

    private static String direction(SessionDescription offer, MediaDescription m) {
        for (SdpLine line : m.lines()) {
            if (line.isAttribute() && DIRECTIONS.contains(line.value())) {
                return line.value();
            }
        }
        for (SdpLine line : offer.sessionLines()) {
            if (line.isAttribute() && DIRECTIONS.contains(line.value())) {
                return line.value();
            }
        }
        return "sendrecv";   // RFC 3264 §5.1: no direction attribute means sendrecv
    }

    private static String mirror(String direction) {
        return switch (direction) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            default -> direction;   // sendrecv and inactive answer themselves
        };
    }

    private String iceString(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
        }
        return b.toString();
    }

}
