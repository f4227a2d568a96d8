package dev.backendkatas.webrtcsignaling;

import static dev.backendkatas.webrtcsignaling.Fixtures.crlf;
import static dev.backendkatas.webrtcsignaling.Fixtures.sdp;
import static dev.backendkatas.webrtcsignaling.Fixtures.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stage 1 of kata 09: SDP, parsed and written back; the README section of the same name teaches it. The browser
 * captures come from public repositories, named in {@code src/test/resources/sdp/README.md} and in {@link Fixtures}.
 */
@Order(1)
@DisplayName("Stage 1 — SDP")
class Stage1SdpTest {

    /** A small, valid description: the start every hostile case below edits one line of. */
    private static final String[] MINIMAL = {
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111",
        "c=IN IP4 0.0.0.0",
        "a=mid:0",
        "a=rtpmap:111 opus/48000/2",
    };

    static final List<String> BROWSER_CAPTURES = Fixtures.ALL;

    /** MINIMAL with line {@code number} (1-based) replaced. */
    private static String withLine(int number, String line) {
        String[] lines = MINIMAL.clone();
        lines[number - 1] = line;
        return crlf(lines);
    }

    /** MINIMAL with {@code line} inserted so that it becomes line {@code number}. */
    private static String insertedAt(int number, String line) {
        List<String> lines = new java.util.ArrayList<>(List.of(MINIMAL));
        lines.add(number - 1, line);
        return crlf(lines.toArray(String[]::new));
    }

    private static SdpParseException parseError(String sdp) {
        try {
            SessionDescription parsed = SdpParser.parse(sdp);
            throw new AssertionError("expected an SdpParseException for:\n" + Fixtures.excerpt(sdp, 600)
                    + "\nbut it parsed into " + parsed.sessionLines().size() + " session lines and "
                    + parsed.media().size() + " media sections");
        } catch (SdpParseException e) {
            return e;
        }
    }

    @Test
    @Order(1)
    @DisplayName("parses Chrome's offer: session lines, two media sections, their m= fields and lines in order"
            + " (RFC 8866 §5)")
    void parsesChromeOffer() {
        SessionDescription d = SdpParser.parse(sdp(Fixtures.CHROME_OFFER));
        assertThat(d.sessionLines()).as("session-level lines of Chrome's offer, v= to a=msid-semantic")
                .containsExactly(new SdpLine('v', "0"), new SdpLine('o', "- 7169721126327183323 3 IN IP4 127.0.0.1"),
                        new SdpLine('s', "-"), new SdpLine('t', "0 0"), new SdpLine('a', "group:BUNDLE 0 1"),
                        new SdpLine('a', "extmap-allow-mixed"), new SdpLine('a', "msid-semantic: WMS"));
        assertThat(d.media()).as("media sections: m=audio, m=video").hasSize(2);
        MediaDescription audio = d.media().get(0);
        assertThat(List.of(audio.media(), audio.port(), audio.proto())).as("m=audio 9 UDP/TLS/RTP/SAVPF …")
                .containsExactly("audio", 9, "UDP/TLS/RTP/SAVPF");
        assertThat(audio.numberOfPorts()).as("no /<number of ports> in the m= line").isNull();
        assertThat(audio.formats()).as("payload types of the audio m= line, in order")
                .containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        assertThat(audio.lines()).as("lines of the audio section, c= to the last a=ssrc").hasSize(28);
        assertThat(audio.lines().get(0)).as("first line after m=audio").isEqualTo(new SdpLine('c', "IN IP4 0.0.0.0"));
        assertThat(audio.lines().get(27)).as("last line of the audio section, just before m=video")
                .isEqualTo(new SdpLine('a', "ssrc:3262661846 msid:- 06574f1e-f4bf-4b6d-b66c-3493cd7ab50f"));
        assertThat(audio.attributeValues("rtpmap")).as("a=rtpmap values of the audio section, in order")
                .startsWith("111 opus/48000/2", "63 red/48000/2", "9 G722/8000").hasSize(8);
        assertThat(d.media().get(1).formats()).as("23 payload types in m=video").hasSize(23).startsWith("96", "97");
        assertThat(d.media().get(1).lines()).as("lines of the video section").hasSize(120);
        assertThat(d.media().get(1).mid()).as("a=mid of the video section").contains("1");
    }

    @ParameterizedTest(name = "{0}")
    @Order(2)
    @FieldSource("BROWSER_CAPTURES")
    @DisplayName("writes every browser capture back byte for byte: parse, then write, gives the same CRLF text"
            + " (RFC 8866 §5)")
    void roundTripsBrowserCaptures(String fixture) {
        String text = sdp(fixture);
        String written = SdpWriter.write(SdpParser.parse(text));
        if (!written.equals(text)) {
            String[] expected = text.split("\n", -1);
            String[] actual = written.split("\n", -1);
            for (int i = 0; i < Math.min(expected.length, actual.length); i++) {
                assertThat(visible(actual[i])).as("%s, line %d written back", fixture, i + 1)
                        .isEqualTo(visible(expected[i]));
            }
            assertThat(actual.length).as("%s: number of lines written back", fixture).isEqualTo(expected.length);
        }
        assertThat(written).as("%s written back", fixture).isEqualTo(text);
    }

    @Test
    @Order(3)
    @DisplayName("keeps attribute values exactly: a space after the colon, trailing spaces, a value with colons"
            + " (RFC 8866 §5.13)")
    void keepsAttributeValuesExactly() {
        String text = insertedAt(5, "a=x-note:trailing space ");
        SessionDescription d = SdpParser.parse(sdp(Fixtures.CHROME_OFFER));
        assertThat(d.attribute("msid-semantic")).as("Chrome's 'a=msid-semantic: WMS': the value keeps its space")
                .contains(" WMS");
        assertThat(d.attribute("extmap-allow-mixed")).as("a property attribute has no value").contains("");
        assertThat(d.sessionLines().get(5).attributeValue()).as("attributeValue() of a property attribute").isNull();
        assertThat(SdpParser.parse(text).attribute("x-note")).as("a value ending in a space, in\n" + visible(text))
                .contains("trailing space ");
        assertThat(SdpWriter.write(SdpParser.parse(text))).as("written back with its trailing space").isEqualTo(text);
        MediaDescription video = d.media().get(1);
        assertThat(video.attributeValues("extmap")).as("a=extmap values with URLs, colons and all, in order")
                .startsWith("14 urn:ietf:params:rtp-hdrext:toffset",
                        "2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
    }

    @Test
    @Order(4)
    @DisplayName("keeps a /<number of ports> in the m= line, and writes it back (RFC 8866 §5.14)")
    void numberOfPorts() {
        String text = crlf("v=0", "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5", "s=SDP Seminar", "t=0 0",
                "m=video 49170/2 RTP/AVP 31 32", "a=rtpmap:31 H261/90000");
        MediaDescription m = SdpParser.parse(text).media().get(0);
        assertThat(m.port()).as("port of 'm=video 49170/2 RTP/AVP 31 32'").isEqualTo(49170);
        assertThat(m.numberOfPorts()).as("number of ports of 'm=video 49170/2 …'").isEqualTo(2);
        assertThat(m.formats()).as("formats").containsExactly("31", "32");
        assertThat(SdpWriter.write(SdpParser.parse(text))).as("written back").isEqualTo(text);
    }

    @Test
    @Order(5)
    @DisplayName("accepts LF line ends and a last line without one, and writes CRLF (RFC 8866 §5: parsers SHOULD be"
            + " tolerant)")
    void toleratesLfLineEnds() {
        String crlf = sdp(Fixtures.FIREFOX_OFFER);
        String lf = crlf.replace("\r\n", "\n");
        assertThat(SdpParser.parse(lf)).as("Firefox's offer with LF line ends parses like the CRLF one")
                .isEqualTo(SdpParser.parse(crlf));
        assertThat(SdpWriter.write(SdpParser.parse(lf))).as("and is written with CRLF").isEqualTo(crlf);
        String cut = crlf.substring(0, crlf.length() - 2);
        assertThat(SdpParser.parse(cut)).as("the same offer without the last CRLF").isEqualTo(SdpParser.parse(crlf));
    }

    @Test
    @Order(6)
    @DisplayName("accepts repeated t= and r= lines and session-level attributes such as a=sendrecv and a=fingerprint")
    void acceptsLegalSessionLines() {
        String text = crlf("v=0", "o=- 1 0 IN IP4 0.0.0.0", "s=-", "c=IN IP4 0.0.0.0", "t=3034423619 3042462419",
                "r=604800 3600 0 90000", "t=0 0", "a=sendrecv", "a=fingerprint:sha-256 AB:CD", "a=ice-lite",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "b=AS:30", "a=mid:0",
                "a=sctp-port:5000");
        SessionDescription d = SdpParser.parse(text);
        assertThat(d.sessionLines()).as("session lines of\n" + visible(text)).hasSize(10);
        assertThat(d.media().get(0).formats()).as("formats of m=application").containsExactly("webrtc-datachannel");
        assertThat(SdpWriter.write(d)).as("written back").isEqualTo(text);
    }

    @ParameterizedTest(name = "first line: {0}")
    @Order(7)
    @ValueSource(strings = {"o=- 1 0 IN IP4 0.0.0.0", "v=1", "v=00", "v= 0", " v=0", "V=0", "s=-"})
    @DisplayName("refuses a description whose first line is not v=0, at line 1 (RFC 8866 §5.1)")
    void refusesMissingVersion(String first) {
        SdpParseException e = parseError(withLine(1, first));
        assertThat(e.lineNumber()).as("line number of the error for first line '%s'", first).isEqualTo(1);
        assertThat(e.getMessage()).as("the message names the line").startsWith("line 1: ");
    }

    @ParameterizedTest(name = "line 5: {0}")
    @Order(8)
    @ValueSource(strings = {"x=unknown", "A=group:BUNDLE 0", "==0", "a", "a =group:BUNDLE 0", "a= group:BUNDLE 0",
        "a:group:BUNDLE 0", "ab=c", "\u0430=group:BUNDLE 0"})
    @DisplayName("refuses an unknown line type or a line that is not <type>=<value>, naming its line (RFC 8866 §5)")
    void refusesBadLines(String line) {
        SdpParseException e = parseError(withLine(5, line));
        assertThat(e.lineNumber()).as("line number of the error for line 5 '%s'", visible(line)).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @Order(9)
    @ValueSource(strings = {"m=audio", "m=audio 9", "m=audio 9 UDP/TLS/RTP/SAVPF", "m=audio 65536 RTP/AVP 0",
        "m=audio -1 RTP/AVP 0", "m=audio x RTP/AVP 0", "m=audio +9 RTP/AVP 0", "m=audio \uff19 RTP/AVP 0",
        "m=audio 9/0 RTP/AVP 0", "m=audio 9/ RTP/AVP 0", "m=audio  9 RTP/AVP 0", "m=audio 9 RTP/AVP 0 ",
        "m=audio\t9 RTP/AVP 0", "m= audio 9 RTP/AVP 0"})
    @DisplayName("refuses a bad m= line: missing fields, a port outside 0-65535 or not ASCII digits, other than single"
            + " spaces (RFC 8866 §5.14)")
    void refusesBadMediaLines(String mLine) {
        SdpParseException e = parseError(withLine(6, mLine));
        assertThat(e.lineNumber()).as("line number of the error for '%s' on line 6", visible(mLine)).isEqualTo(6);
        assertThat(e.getMessage()).as("the message shows the line with control characters visible")
                .contains(visible(mLine).trim());
    }

    @ParameterizedTest(name = "{0}")
    @Order(10)
    @ValueSource(strings = {"a=rtpmap:111 opus/48000/2", "a=mid:0", "a=candidate:0 1 UDP 2122252543 10.0.0.1 5000 typ"
        + " host", "a=fmtp:111 minptime=10", "a=rtcp-mux", "a=ssrc:1 cname:x", "a=sctp-port:5000", "a=msid:- a"})
    @DisplayName("refuses a media-level attribute before the first m= line, naming its line")
    void refusesMediaAttributeAtSessionLevel(String attribute) {
        SdpParseException e = parseError(insertedAt(5, attribute));
        assertThat(e.lineNumber()).as("line number of the error for '%s' as line 5, before any m=", attribute)
                .isEqualTo(5);
        assertThat(SdpParser.parse(insertedAt(8, attribute)).media().get(0).lines())
                .as("the same line after the m= line is fine").contains(new SdpLine('a', attribute.substring(2)));
    }

    @Test
    @Order(11)
    @DisplayName("refuses lines out of the order of RFC 8866 §5, a second v=, o= or s=, and a missing o=, s= or t=")
    void refusesBadOrder() {
        assertThat(parseError(crlf("v=0", "s=-", "o=- 1 0 IN IP4 0.0.0.0", "t=0 0")).lineNumber())
                .as("o= after s=: the error is on the o= line, 3").isEqualTo(3);
        assertThat(parseError(insertedAt(5, "c=IN IP4 0.0.0.0")).lineNumber())
                .as("a session c= after t= (line 5)").isEqualTo(5);
        assertThat(parseError(insertedAt(9, "c=IN IP4 0.0.0.0")).lineNumber())
                .as("a media c= after a=mid (line 9)").isEqualTo(9);
        assertThat(parseError(insertedAt(8, "o=- 1 0 IN IP4 0.0.0.0")).lineNumber())
                .as("an o= line inside a media section (line 8)").isEqualTo(8);
        assertThat(parseError(insertedAt(2, "v=0")).lineNumber()).as("a second v= on line 2").isEqualTo(2);
        assertThat(parseError(insertedAt(4, "s=again")).lineNumber()).as("a second s= on line 4").isEqualTo(4);
        assertThat(parseError(crlf("v=0", "o=- 1 0 IN IP4 0.0.0.0", "s=-")).lineNumber())
                .as("no t= line at all: the description as a whole, line 0").isZero();
        assertThat(parseError(crlf("v=0", "o=- 1 0 IN IP4 0.0.0.0", "t=0 0", "m=audio 9 RTP/AVP 0")).lineNumber())
                .as("no s= line before the first m=: line 0").isZero();
        assertThat(parseError(crlf("v=0")).getMessage()).as("a description of v=0 alone: the message names o=")
                .contains("o=");
    }

    @Test
    @Order(12)
    @DisplayName("refuses a CR without LF, a NUL, an empty line and an empty description, naming the line")
    void refusesControlCharacters() {
        String bareCr = crlf(MINIMAL).replaceFirst("\r\ns=-", "\rs=-");
        assertThat(parseError(bareCr).lineNumber()).as("a CR without LF at the end of line 2 in\n" + visible(bareCr))
                .isEqualTo(2);
        String nul = withLine(3, "s=a\0b");
        assertThat(parseError(nul).lineNumber()).as("a NUL inside line 3").isEqualTo(3);
        assertThat(parseError(crlf(MINIMAL).replaceFirst("\r\ns=-\r\n", "\r\ns=-\r\n\r\n")).lineNumber())
                .as("an empty line 4").isEqualTo(4);
        assertThat(parseError("").lineNumber()).as("an empty description").isZero();
        assertThat(parseError("\r\n").lineNumber()).as("a description that is one empty line").isEqualTo(1);
        assertThatNullPointerException().as("parse(null)").isThrownBy(() -> SdpParser.parse(null));
    }

    @Test
    @Order(13)
    @DisplayName("accepts a description of exactly 64 KiB, refuses one character more before parsing it, and a huge"
            + " one at once")
    void refusesHugeDescriptions() {
        StringBuilder b = new StringBuilder(crlf(MINIMAL));
        while (b.length() < SdpRules.MAX_SDP_CHARS - 100) {
            b.append("a=ssrc:1 cname:").append("x".repeat(20)).append("\r\n");
        }
        int missing = SdpRules.MAX_SDP_CHARS - b.length() - "a=x-pad:".length() - 2;
        String atLimit = b + "a=x-pad:" + "p".repeat(missing) + "\r\n";
        assertThat(atLimit).as("test set-up").hasSize(SdpRules.MAX_SDP_CHARS);
        assertThat(SdpParser.parse(atLimit).media().get(0).lines()).as("a description of exactly %d characters",
                SdpRules.MAX_SDP_CHARS).isNotEmpty();
        SdpParseException e = parseError(atLimit + "x");
        assertThat(e.lineNumber()).as("one character over the limit: the description as a whole, line 0").isZero();
        String huge = crlf(MINIMAL) + "a=x:" + "y".repeat(16 * 1024 * 1024) + "\r\n";
        assertThat(parseError(huge).lineNumber()).as("a 16 MiB description").isZero();
        String hugeInvalid = "x".repeat(SdpRules.MAX_SDP_CHARS + 1);
        assertThat(parseError(hugeInvalid).lineNumber())
                .as("a long description that is also invalid: the size is checked first").isZero();
    }

    @Test
    @Order(14)
    @DisplayName("refuses to write a value holding CR, LF or NUL: it would smuggle lines into the description")
    void writerRefusesInjection() {
        SessionDescription d = SdpParser.parse(crlf(MINIMAL));
        MediaDescription m = d.media().get(0);
        List<SdpLine> injected = new java.util.ArrayList<>(m.lines());
        injected.add(SdpLine.attribute("ice-ufrag", "abcd\r\na=fingerprint:sha-256 00:11"));
        SessionDescription evilAttribute = new SessionDescription(d.sessionLines(), List.of(
                new MediaDescription(m.media(), m.port(), null, m.proto(), m.formats(), injected)));
        assertThatExceptionOfType(IllegalArgumentException.class).as("an ice-ufrag value holding CRLF")
                .isThrownBy(() -> SdpWriter.write(evilAttribute));
        SessionDescription evilSession = new SessionDescription(List.of(new SdpLine('v', "0"),
                new SdpLine('o', "- 1 0 IN IP4 0.0.0.0"), new SdpLine('s', "-\nt=0 0"), new SdpLine('t', "0 0")),
                List.of());
        assertThatExceptionOfType(IllegalArgumentException.class).as("an s= value holding LF")
                .isThrownBy(() -> SdpWriter.write(evilSession));
        SessionDescription evilProto = new SessionDescription(d.sessionLines(), List.of(new MediaDescription("audio",
                9, null, "RTP/AVP\r\na=setup:active", List.of("0"), List.of())));
        assertThatExceptionOfType(IllegalArgumentException.class).as("a proto holding CRLF, in the m= line")
                .isThrownBy(() -> SdpWriter.write(evilProto));
        SessionDescription nul = new SessionDescription(List.of(new SdpLine('v', "0"),
                new SdpLine('o', "- 1 0 IN IP4 0.0.0.0"), new SdpLine('s', "a\0b"), new SdpLine('t', "0 0")),
                List.of());
        assertThatExceptionOfType(IllegalArgumentException.class).as("an s= value holding NUL")
                .isThrownBy(() -> SdpWriter.write(nul));
    }
}
