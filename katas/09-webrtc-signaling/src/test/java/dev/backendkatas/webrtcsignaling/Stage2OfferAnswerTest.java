package dev.backendkatas.webrtcsignaling;

import static dev.backendkatas.webrtcsignaling.Fixtures.crlf;
import static dev.backendkatas.webrtcsignaling.Fixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stage 2 of kata 09: the answer to a browser's offer; the README section of the same name teaches it. The offers are
 * the browser captures of {@link Fixtures}, read with the Stage 1 parser.
 */
@Order(2)
@DisplayName("Stage 2 — Offer and answer")
class Stage2OfferAnswerTest {

    private static final String FINGERPRINT = "sha-256 "
            + "0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0:0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0";

    /** Opus, PCMU and telephone-event/8000 for audio; VP8 with rtx for video; data channels on port 5000. */
    private static final LocalCapabilities LOCAL = new LocalCapabilities(List.of(
            new Codec("audio", "opus", 48000), new Codec("audio", "PCMU", 8000),
            new Codec("audio", "telephone-event", 8000),
            new Codec("video", "VP8", 90000), new Codec("video", "rtx", 90000)), true, 5000, FINGERPRINT);

    private static final String ICE_CHARS = "[A-Za-z0-9+/]";

    private static SessionDescription answer(String offerText) {
        return answer(offerText, LOCAL);
    }

    private static SessionDescription answer(String offerText, LocalCapabilities local) {
        return new AnswerBuilder(local, new Random(9)).answer(SdpParser.parse(offerText));
    }

    /** A one-section offer: the session lines, then m=audio with the given extra lines after the usual ones. */
    private static String audioOffer(String sessionExtra, String... mediaExtra) {
        List<String> lines = new ArrayList<>(List.of("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0"));
        if (!sessionExtra.isEmpty()) {
            lines.add(sessionExtra);
        }
        lines.addAll(List.of("m=audio 9 UDP/TLS/RTP/SAVPF 111 0", "c=IN IP4 0.0.0.0", "a=ice-ufrag:Ab3d",
                "a=ice-pwd:0123456789abcdefghijkl", "a=fingerprint:sha-256 AA:BB", "a=setup:actpass", "a=mid:a"));
        lines.addAll(List.of(mediaExtra));
        lines.addAll(List.of("a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000"));
        return crlf(lines.toArray(String[]::new));
    }

    private static String direction(MediaDescription m) {
        return m.lines().stream().map(SdpLine::value)
                .filter(v -> Set.of("sendrecv", "sendonly", "recvonly", "inactive").contains(v))
                .reduce((a, b) -> a + "," + b).orElse("(none)");
    }

    @Test
    @Order(1)
    @DisplayName("answers Chrome's offer: v=0, o=- <id>, s=-, t=0 0, and one m= line per offered one, same order, kind,"
            + " proto and mid (RFC 3264 §6)")
    void answersChromeOffer() {
        SessionDescription offer = SdpParser.parse(sdp(Fixtures.CHROME_OFFER));
        SessionDescription answer = answer(sdp(Fixtures.CHROME_OFFER));
        List<SdpLine> session = answer.sessionLines();
        assertThat(session.get(0)).as("first line of the answer").isEqualTo(new SdpLine('v', "0"));
        assertThat(session.get(1).type()).as("second line of the answer is o=").isEqualTo('o');
        assertThat(session.get(1).value()).as("o=- <sess-id> 0 IN IP4 0.0.0.0, sess-id 1 to 2^63 - 1 (RFC 8829 §5.2.1)")
                .matches("- [1-9][0-9]{0,18} 0 IN IP4 0\\.0\\.0\\.0");
        assertThat(session.subList(2, 4)).as("s= and t= of the answer")
                .containsExactly(new SdpLine('s', "-"), new SdpLine('t', "0 0"));
        assertThat(answer.media()).as("one answer section per offered section").hasSameSizeAs(offer.media());
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription o = offer.media().get(i);
            MediaDescription a = answer.media().get(i);
            assertThat(List.of(a.media(), a.proto(), a.mid().orElse("(none)")))
                    .as("kind, proto and mid of answer section %d", i + 1)
                    .containsExactly(o.media(), o.proto(), o.mid().orElseThrow());
            assertThat(a.port()).as("port of accepted section %d (9: the real address comes with ICE)", i + 1)
                    .isEqualTo(9);
        }
        String written = SdpWriter.write(answer);
        assertThat(SdpParser.parse(written)).as("the answer is SDP that the Stage 1 parser reads back:\n" + written)
                .isEqualTo(answer);
    }

    static Stream<Arguments> browserOffers() {
        return Stream.of(
                Arguments.of(Fixtures.CHROME_OFFER, List.of("111", "0", "126"), List.of("96", "97")),
                Arguments.of(Fixtures.FIREFOX_OFFER, List.of("109", "0", "101"), List.of("120", "124")),
                Arguments.of(Fixtures.SAFARI_OFFER, List.of("111", "0", "126"), List.of("100", "101")));
    }

    @ParameterizedTest(name = "{0}: audio {1}, video {2}")
    @Order(2)
    @MethodSource("browserOffers")
    @DisplayName("keeps the offer's payload types of the codecs both sides have, by name and clock rate, in the offer's"
            + " order; rtx only with its apt (RFC 3264 §6.1, RFC 4588 §8.6)")
    void intersectsCodecs(String fixture, List<String> audio, List<String> video) {
        SessionDescription answer = answer(sdp(fixture));
        assertThat(answer.media().get(0).formats()).as("%s: audio formats answered for opus, PCMU,"
                + " telephone-event/8000", fixture).containsExactlyElementsOf(audio);
        assertThat(answer.media().get(1).formats()).as("%s: video formats answered for VP8 and rtx", fixture)
                .containsExactlyElementsOf(video);
    }

    @Test
    @Order(3)
    @DisplayName("copies the offer's rtpmap, rtcp-fb and fmtp lines of the kept payload types, and no others")
    void copiesCodecLines() {
        MediaDescription video = answer(sdp(Fixtures.CHROME_OFFER)).media().get(1);
        List<String> codecLines = video.lines().stream().map(SdpLine::value)
                .filter(v -> v.startsWith("rtpmap:") || v.startsWith("rtcp-fb:") || v.startsWith("fmtp:")).toList();
        assertThat(codecLines).as("codec lines of the answer to Chrome's video section, VP8 (96) and its rtx (97)")
                .containsExactly("rtpmap:96 VP8/90000", "rtcp-fb:96 goog-remb", "rtcp-fb:96 transport-cc",
                        "rtcp-fb:96 ccm fir", "rtcp-fb:96 nack", "rtcp-fb:96 nack pli", "rtpmap:97 rtx/90000",
                        "fmtp:97 apt=96");
        MediaDescription audio = answer(sdp(Fixtures.FIREFOX_OFFER)).media().get(0);
        assertThat(audio.attributeValues("fmtp")).as("fmtp lines answered to Firefox's audio: opus (109) and"
                + " telephone-event (101)").containsExactly("109 maxplaybackrate=48000;stereo=1;useinbandfec=1",
                "101 0-15");
    }

    @Test
    @Order(4)
    @DisplayName("compares encoding names case-insensitively and clock rates exactly")
    void codecMatching() {
        LocalCapabilities upper = new LocalCapabilities(List.of(new Codec("audio", "OPUS", 48000),
                new Codec("audio", "telephone-event", 48000)), false, 5000, FINGERPRINT);
        assertThat(answer(sdp(Fixtures.CHROME_OFFER), upper).media().get(0).formats())
                .as("local OPUS/48000 and telephone-event/48000 against Chrome's opus 111 and telephone-event 110"
                        + " (48000) and 126 (8000)").containsExactly("111", "110");
        LocalCapabilities videoOnly = new LocalCapabilities(List.of(new Codec("video", "PCMU", 8000),
                new Codec("video", "VP8", 90000)), false, 5000, FINGERPRINT);
        assertThat(answer(sdp(Fixtures.CHROME_OFFER), videoOnly).media().get(0).port())
                .as("a video codec named PCMU does not match audio PCMU: the audio section is rejected").isZero();
    }

    @Test
    @Order(5)
    @DisplayName("keeps an rtx payload type only when the codec of its apt= is kept (RFC 4588 §8.6)")
    void rtxFollowsItsCodec() {
        LocalCapabilities h264AndRtx = new LocalCapabilities(List.of(new Codec("video", "H264", 90000),
                new Codec("video", "rtx", 90000)), false, 5000, FINGERPRINT);
        assertThat(answer(sdp(Fixtures.SAFARI_OFFER), h264AndRtx).media().get(1).formats())
                .as("Safari's video with H264 and rtx: 96, 98 and their rtx 97, 99; not VP8's 101 nor red's 125")
                .containsExactly("96", "97", "98", "99");
        LocalCapabilities rtxOnly = new LocalCapabilities(List.of(new Codec("audio", "opus", 48000),
                new Codec("video", "rtx", 90000)), false, 5000, FINGERPRINT);
        assertThat(answer(sdp(Fixtures.SAFARI_OFFER), rtxOnly).media().get(1).port())
                .as("rtx alone repairs nothing: Safari's video section is rejected").isZero();
    }

    @ParameterizedTest(name = "session {0}, media {1} → {2}")
    @Order(6)
    @CsvSource({
        "'', a=sendrecv, sendrecv",
        "'', a=sendonly, recvonly",
        "'', a=recvonly, sendonly",
        "'', a=inactive, inactive",
        "'', '', sendrecv",
        "a=sendonly, '', recvonly",
        "a=recvonly, '', sendonly",
        "a=inactive, a=sendrecv, sendrecv",
        "a=sendrecv, a=sendonly, recvonly",
    })
    @DisplayName("mirrors the direction: sendonly ↔ recvonly; media level over session level; none means sendrecv"
            + " (RFC 3264 §6.1)")
    void mirrorsDirection(String session, String media, String expected) {
        String offer = media.isEmpty() ? audioOffer(session) : audioOffer(session, media);
        MediaDescription m = answer(offer).media().get(0);
        assertThat(direction(m)).as("direction attribute of the answer to session '%s', media '%s'", session, media)
                .isEqualTo(expected);
    }

    @Test
    @Order(7)
    @DisplayName("writes an accepted section's transport lines in order: c=, mid, ice-ufrag, ice-pwd, fingerprint,"
            + " setup, direction, rtcp-mux")
    void acceptedSectionLayout() {
        MediaDescription m = answer(audioOffer("", "a=rtcp-mux")).media().get(0);
        List<String> names = m.lines().stream().map(l -> l.type() == 'a' ? l.attributeName() : l.type() + "=")
                .toList();
        assertThat(names).as("the lines of the answered section, by name")
                .startsWith("c=", "mid", "ice-ufrag", "ice-pwd", "fingerprint", "setup", "sendrecv", "rtcp-mux");
        assertThat(m.lines().get(0)).as("c= line").isEqualTo(new SdpLine('c', "IN IP4 0.0.0.0"));
        assertThat(m.attribute("fingerprint")).as("our fingerprint (RFC 8122 §5)").contains(FINGERPRINT);
        assertThat(answer(audioOffer("")).media().get(0).hasAttribute("rtcp-mux"))
                .as("no a=rtcp-mux in the answer when the offer has none").isFalse();
    }

    @ParameterizedTest(name = "offer a=setup:{0} → answer a=setup:{1}")
    @Order(8)
    @CsvSource({"actpass, active", "passive, active", "active, passive"})
    @DisplayName("answers a=setup:actpass with active, passive with active, active with passive (RFC 8842 §5.2)")
    void answersSetup(String offered, String expected) {
        String offer = audioOffer("").replace("a=setup:actpass", "a=setup:" + offered);
        assertThat(answer(offer).media().get(0).attribute("setup")).as("a=setup of the answer to a=setup:%s", offered)
                .contains(expected);
        String sessionLevel = audioOffer("").replace("a=setup:actpass\r\n", "")
                .replace("t=0 0\r\n", "t=0 0\r\na=setup:" + offered + "\r\n");
        assertThat(answer(sessionLevel).media().get(0).attribute("setup"))
                .as("a=setup:%s at session level only", offered).contains(expected);
    }

    @Test
    @Order(9)
    @DisplayName("makes fresh ICE credentials of ice-chars, ufrag ≥ 4 and pwd ≥ 22, the same in every section, new for"
            + " every answer (RFC 8839 §5.4)")
    void freshIceCredentials() {
        SessionDescription offer = SdpParser.parse(sdp(Fixtures.FIREFOX_OFFER));
        Set<String> ufrags = new HashSet<>();
        Set<String> pwds = new HashSet<>();
        AnswerBuilder builder = new AnswerBuilder(LOCAL, new Random(42));
        for (int n = 0; n < 200; n++) {
            SessionDescription answer = builder.answer(offer);
            String ufrag = answer.media().get(0).attribute("ice-ufrag").orElseThrow();
            String pwd = answer.media().get(0).attribute("ice-pwd").orElseThrow();
            assertThat(ufrag).as("ice-ufrag of answer %d: 4 to 256 ice-chars (ALPHA / DIGIT / + / /)", n)
                    .matches(ICE_CHARS + "{4,256}");
            assertThat(pwd).as("ice-pwd of answer %d: 22 to 256 ice-chars", n).matches(ICE_CHARS + "{22,256}");
            assertThat(answer.media().get(1).attribute("ice-ufrag")).as("ice-ufrag of the video section, bundled")
                    .contains(ufrag);
            assertThat(answer.media().get(1).attribute("ice-pwd")).as("ice-pwd of the video section").contains(pwd);
            assertThat(ufrag).as("our ice-ufrag is not the offerer's").isNotEqualTo("6c0579ea");
            assertThat(pwd).as("our ice-pwd is not the offerer's").isNotEqualTo("59efe498b762e472067fa5e134df8722");
            ufrags.add(ufrag);
            pwds.add(pwd);
        }
        assertThat(ufrags).as("200 answers, 200 different ice-ufrags").hasSize(200);
        assertThat(pwds).as("200 answers, 200 different ice-pwds").hasSize(200);
        assertThat(String.join("", pwds).chars().distinct().count())
                .as("characters used over 200 passwords: all 64 ice-chars, not a smaller alphabet such as hex")
                .isEqualTo(64);
    }

    @Test
    @Order(10)
    @DisplayName("keeps BUNDLE: the answer's group lists the accepted mids in the offer's order; no group when none is"
            + " offered (RFC 8843 §7.3)")
    void keepsBundle() {
        assertThat(answer(sdp(Fixtures.CHROME_OFFER)).attributeValues("group"))
                .as("a=group of the answer to Chrome's 'a=group:BUNDLE 0 1'").containsExactly("BUNDLE 0 1");
        LocalCapabilities audioOnly = new LocalCapabilities(List.of(new Codec("audio", "opus", 48000)), false, 5000,
                FINGERPRINT);
        assertThat(answer(sdp(Fixtures.FIREFOX_OFFER), audioOnly).attributeValues("group"))
                .as("video rejected: the group keeps mid 0 only").containsExactly("BUNDLE 0");
        LocalCapabilities nothing = new LocalCapabilities(List.of(), false, 5000, FINGERPRINT);
        assertThat(answer(sdp(Fixtures.FIREFOX_OFFER), nothing).attributeValues("group"))
                .as("everything rejected: no group at all").isEmpty();
        assertThat(answer(audioOffer("")).attributeValues("group")).as("an offer without BUNDLE: no group").isEmpty();
        String reordered = sdp(Fixtures.CHROME_OFFER).replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 1 0");
        assertThat(answer(reordered).attributeValues("group")).as("the offer's group order, 1 0")
                .containsExactly("BUNDLE 1 0");
    }

    @Test
    @Order(11)
    @DisplayName("rejects with port 0 a section without common codec, an unknown kind, RTP without DTLS-SRTP, and one"
            + " the offer rejected (RFC 3264 §6)")
    void rejectsWithPortZero() {
        String offer = crlf("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE a b c d e",
                "a=ice-ufrag:Ab3d", "a=ice-pwd:0123456789abcdefghijkl", "a=fingerprint:sha-256 AA:BB",
                "a=setup:actpass",
                "m=audio 9 UDP/TLS/RTP/SAVPF 8", "c=IN IP4 0.0.0.0", "a=mid:a", "a=rtpmap:8 PCMA/8000",
                "m=text 9 UDP/TLS/RTP/SAVPF 98", "c=IN IP4 0.0.0.0", "a=mid:b", "a=rtpmap:98 t140/1000",
                "m=audio 9 RTP/AVP 111", "c=IN IP4 0.0.0.0", "a=mid:c", "a=rtpmap:111 opus/48000/2",
                "m=audio 0 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:d", "a=rtpmap:111 opus/48000/2",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:e", "a=rtpmap:111 opus/48000/2");
        SessionDescription answer = answer(offer);
        String[] why = {"PCMA only, which we lack", "m=text", "RTP/AVP: no DTLS-SRTP", "port 0 in the offer",
            "opus over UDP/TLS/RTP/SAVPF: accepted"};
        for (int i = 0; i < 4; i++) {
            MediaDescription m = answer.media().get(i);
            assertThat(m.port()).as("port of section %d (%s)", i + 1, why[i]).isZero();
            assertThat(m.formats()).as("formats of rejected section %d: the offer's (at least one)", i + 1)
                    .isEqualTo(SdpParser.parse(offer).media().get(i).formats());
            assertThat(m.mid()).as("a=mid of rejected section %d", i + 1).isPresent();
            assertThat(m.hasAttribute("ice-ufrag")).as("no ICE credentials in rejected section %d", i + 1).isFalse();
        }
        assertThat(answer.media().get(4).port()).as("port of section 5 (%s)", why[4]).isEqualTo(9);
        assertThat(answer.attributeValues("group")).as("BUNDLE without the rejected mids").containsExactly("BUNDLE e");
    }

    @Test
    @Order(12)
    @DisplayName("accepts a data channel section with our a=sctp-port and no direction; rejects it when we take no"
            + " data channels, or in the old DTLS/SCTP form (RFC 8841)")
    void dataChannels() {
        String offer = crlf("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=ice-ufrag:Ab3d",
                "a=ice-pwd:0123456789abcdefghijkl", "a=fingerprint:sha-256 AA:BB", "a=setup:actpass", "a=mid:0",
                "a=sctp-port:5000", "a=max-message-size:262144",
                "m=application 9 DTLS/SCTP 5000", "c=IN IP4 0.0.0.0", "a=ice-ufrag:Ab3d",
                "a=ice-pwd:0123456789abcdefghijkl", "a=fingerprint:sha-256 AA:BB", "a=setup:actpass", "a=mid:1",
                "a=sctpmap:5000 webrtc-datachannel 1024");
        LocalCapabilities port6000 = new LocalCapabilities(LOCAL.codecs(), true, 6000, FINGERPRINT);
        SessionDescription answer = answer(offer, port6000);
        MediaDescription data = answer.media().get(0);
        assertThat(List.of(data.port(), data.proto(), data.formats()))
                .as("m=application answered: port 9, UDP/DTLS/SCTP, webrtc-datachannel")
                .containsExactly(9, "UDP/DTLS/SCTP", List.of("webrtc-datachannel"));
        assertThat(data.attribute("sctp-port")).as("our SCTP port").contains("6000");
        assertThat(direction(data)).as("no direction attribute for data").isEqualTo("(none)");
        assertThat(data.attribute("setup")).as("a=setup of the data section").contains("active");
        assertThat(answer.media().get(1).port()).as("the old 'DTLS/SCTP 5000' form is rejected").isZero();
        LocalCapabilities noData = new LocalCapabilities(LOCAL.codecs(), false, 5000, FINGERPRINT);
        assertThat(answer(offer, noData).media().get(0).port()).as("no data channels here: rejected").isZero();
    }

    @Test
    @Order(13)
    @DisplayName("refuses an offer it cannot answer: a missing or repeated mid, a BUNDLE group naming an unknown mid")
    void refusesBrokenMids() {
        String noMid = audioOffer("").replace("a=mid:a\r\n", "");
        assertThatExceptionOfType(OfferAnswerException.class).as("a section without a=mid")
                .isThrownBy(() -> answer(noMid));
        String chrome = sdp(Fixtures.CHROME_OFFER);
        String twice = chrome.replace("a=mid:1\r\n", "a=mid:0\r\n");
        assertThatExceptionOfType(OfferAnswerException.class).as("two sections with a=mid:0")
                .isThrownBy(() -> answer(twice)).withMessageContaining("0");
        String ghost = chrome.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 7");
        assertThatExceptionOfType(OfferAnswerException.class).as("a=group:BUNDLE 0 1 7, no section with mid 7")
                .isThrownBy(() -> answer(ghost)).withMessageContaining("7");
    }

    @ParameterizedTest(name = "without {0}")
    @Order(14)
    @CsvSource({"a=ice-ufrag:Ab3d", "a=ice-pwd:0123456789abcdefghijkl", "a=fingerprint:sha-256 AA:BB",
        "a=setup:actpass"})
    @DisplayName("refuses an offer whose accepted section lacks ice-ufrag, ice-pwd, fingerprint or setup at both levels,"
            + " or offers an unknown setup (RFC 8829 §5.8)")
    void refusesMissingTransportAttributes(String line) {
        String missing = audioOffer("").replace(line + "\r\n", "");
        assertThatExceptionOfType(OfferAnswerException.class).as("an offer without '%s'", line)
                .isThrownBy(() -> answer(missing));
        String holdconn = audioOffer("").replace("a=setup:actpass", "a=setup:holdconn");
        assertThatExceptionOfType(OfferAnswerException.class).as("a=setup:holdconn")
                .isThrownBy(() -> answer(holdconn));
    }
}
