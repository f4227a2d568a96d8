package dev.backendkatas.webrtcsignaling;

import static dev.backendkatas.webrtcsignaling.Fixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stage 3 of kata 09: ICE candidate lines and priorities; the README section of the same name teaches it.
 *
 * <p>The candidate lines are browsers' own, quoted as data from public sources:
 * <ul>
 *   <li>{@link #CHROME_MDNS_HOST}, {@link #CHROME_SRFLX}: millicast/flutter-sdk, test/mocks/sdp_mock.dart (a Chrome
 *       offer with an mDNS host candidate);</li>
 *   <li>{@link #CHROME_TCP_HOST}, {@link #CHROME_UDP_HOST}, {@link #CHROME_RELAY}: aws/amazon-chime-sdk-js,
 *       test/sdp/ChromeSDPMock.ts;</li>
 *   <li>{@link #CHROME_SRFLX_LAN}: GetStream/stream-video-js,
 *       packages/client/src/rtc/helpers/__tests__/hq-audio-sdp.ts;</li>
 *   <li>{@link #SAFARI_IPV6_HOST}: the Safari 12 offer quoted in aiortc/aiortc issue 178
 *       (https://github.com/aiortc/aiortc/issues/178);</li>
 *   <li>{@link #PRFLX}: aws/amazon-chime-sdk-js, test/sdp/SDPMock.ts;</li>
 *   <li>the Firefox lines: the fixture {@code firefox-offer-with-candidates.sdp} (see {@link Fixtures}).</li>
 * </ul>
 */
@Order(3)
@DisplayName("Stage 3 — ICE candidates")
class Stage3IceCandidatesTest {

    static final String CHROME_UDP_HOST =
            "candidate:1806732060 1 udp 2122260223 192.168.88.142 52356 typ host generation 0 network-id 1 network-cost 10";
    static final String CHROME_TCP_HOST = "candidate:624130028 1 tcp 1518280447 192.168.88.142 9 typ host tcptype"
            + " active generation 0 network-id 1 network-cost 10";
    static final String CHROME_MDNS_HOST = "candidate:1560499547 1 udp 2113937151"
            + " 2cf0b2c0-0842-4fe3-aaa0-4556a2dfbadc.local 33192 typ host generation 0 network-cost 999";
    static final String CHROME_SRFLX = "candidate:842163049 1 udp 1677729535 186.50.9.10 52200 typ srflx"
            + " raddr 0.0.0.0 rport 0 generation 0 network-cost 999";
    static final String CHROME_SRFLX_LAN = "candidate:2841136656 1 udp 1686052607 79.125.240.146 60017 typ srflx"
            + " raddr 192.168.1.102 rport 60017 generation 0 network-id 2";
    static final String CHROME_RELAY = "candidate:2150896833 1 udp 41820159 1.1.1.1 40442 typ relay"
            + " raddr 0.0.0.0 rport 0 generation 0 network-id 1 network-cost 1";
    static final String SAFARI_IPV6_HOST = "candidate:2075991921 1 udp 2113939711 2800:a4:169b:e800:8dfe:b3e3:dca7:8d44"
            + " 53172 typ host generation 0 network-cost 50";
    static final String PRFLX = "candidate:750991856 2 udp 25108222 237.30.30.30 51472 typ prflx"
            + " raddr 47.61.61.61 rport 54763 generation 0";

    static Stream<String> browserCandidateLines() {
        List<String> lines = new ArrayList<>(List.of(CHROME_UDP_HOST, CHROME_TCP_HOST, CHROME_MDNS_HOST, CHROME_SRFLX,
                CHROME_SRFLX_LAN, CHROME_RELAY, SAFARI_IPV6_HOST, PRFLX));
        for (String line : sdp(Fixtures.FIREFOX_OFFER_WITH_CANDIDATES).split("\r\n")) {
            if (line.startsWith("a=candidate:")) {
                lines.add(line);
            }
        }
        return lines.stream();
    }

    private static String failure(String line) {
        try {
            IceCandidate c = IceCandidates.parse(line);
            throw new AssertionError("expected an IceCandidateException for\n  " + Fixtures.visible(line)
                    + "\nbut it parsed into " + c);
        } catch (IceCandidateException e) {
            return e.getMessage();
        }
    }

    @Test
    @Order(1)
    @DisplayName("parses Chrome's host candidate: foundation, component, transport, priority, address, port, type and"
            + " extensions in order (RFC 8839 §5.1)")
    void parsesChromeHost() {
        IceCandidate c = IceCandidates.parse(CHROME_UDP_HOST);
        assertThat(c).as("fields of\n  " + CHROME_UDP_HOST).isEqualTo(new IceCandidate("1806732060", 1, "udp",
                2122260223L, "192.168.88.142", 52356, CandidateType.HOST, null, null, List.of(
                        new IceCandidate.Extension("generation", "0"), new IceCandidate.Extension("network-id", "1"),
                        new IceCandidate.Extension("network-cost", "10"))));
    }

    @Test
    @Order(2)
    @DisplayName("parses raddr and rport of server-reflexive, peer-reflexive and relayed candidates (RFC 8839 §5.1)")
    void parsesRelatedAddresses() {
        IceCandidate srflx = IceCandidates.parse(CHROME_SRFLX_LAN);
        assertThat(List.of(srflx.type(), srflx.relatedAddress(), srflx.relatedPort()))
                .as("type, raddr, rport of\n  " + CHROME_SRFLX_LAN)
                .containsExactly(CandidateType.SRFLX, "192.168.1.102", 60017);
        assertThat(srflx.extensions()).as("extensions after rport").containsExactly(
                new IceCandidate.Extension("generation", "0"), new IceCandidate.Extension("network-id", "2"));
        IceCandidate relay = IceCandidates.parse(CHROME_RELAY);
        assertThat(List.of(relay.type(), relay.relatedAddress(), relay.relatedPort()))
                .as("Chrome hides the base of a relay candidate as 0.0.0.0:0").containsExactly(CandidateType.RELAY,
                        "0.0.0.0", 0);
        IceCandidate prflx = IceCandidates.parse(PRFLX);
        assertThat(List.of(prflx.type(), prflx.componentId(), prflx.relatedPort()))
                .as("type, component and rport of\n  " + PRFLX).containsExactly(CandidateType.PRFLX, 2, 54763);
    }

    @Test
    @Order(3)
    @DisplayName("takes an mDNS .local name and an IPv6 address as the address, without any DNS lookup")
    void mdnsAndIpv6() {
        assertThat(IceCandidates.parse(CHROME_MDNS_HOST).address()).as("the address of Chrome's mDNS host candidate")
                .isEqualTo("2cf0b2c0-0842-4fe3-aaa0-4556a2dfbadc.local");
        assertThat(IceCandidates.parse(SAFARI_IPV6_HOST).address()).as("the address of Safari's IPv6 host candidate")
                .isEqualTo("2800:a4:169b:e800:8dfe:b3e3:dca7:8d44");
        for (String address : List.of("::1", "fe80::1", "::ffff:192.0.2.1", "2001:db8::", "a-b.c-d.local",
                "x.invalid")) {
            String line = "candidate:1 1 udp 2122260223 " + address + " 9 typ host";
            assertThat(IceCandidates.parse(line).address()).as("the address of\n  " + line).isEqualTo(address);
        }
    }

    @Test
    @Order(4)
    @DisplayName("reads Firefox's lines as written: 'a=' prefix, upper-case UDP and TCP, tcptype")
    void firefoxLines() {
        IceCandidate tcp = IceCandidates.parse("a=candidate:1 2 TCP 2105524478 192.168.8.221 9 typ host tcptype active");
        assertThat(List.of(tcp.foundation(), tcp.componentId(), tcp.transport(), tcp.port()))
                .as("foundation, component, transport and port of Firefox's TCP candidate, component 2")
                .containsExactly("1", 2, "TCP", 9);
        assertThat(tcp.extensions()).as("its extensions").containsExactly(
                new IceCandidate.Extension("tcptype", "active"));
        assertThat(IceCandidates.parse("a=candidate:0 1 UDP 2122252543 192.168.8.221 54925 typ host").extensions())
                .as("a candidate line without extensions").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @Order(5)
    @MethodSource("browserCandidateLines")
    @DisplayName("writes every browser candidate line back exactly, without its a= (RFC 8839 §5.1)")
    void roundTrip(String line) {
        String expected = line.startsWith("a=") ? line.substring(2) : line;
        assertThat(IceCandidates.write(IceCandidates.parse(line))).as("written back").isEqualTo(expected);
    }

    @Test
    @Order(6)
    @DisplayName("keeps unknown and repeated extensions in their order")
    void keepsUnknownExtensions() {
        String line = "candidate:Ha58b279 1 udp 2130706431 10.88.178.121 16386 typ host generation 0 ufrag PWwO"
                + " x-future yes generation 1 network-id 2";
        IceCandidate c = IceCandidates.parse(line);
        assertThat(c.extensions()).as("extensions of\n  " + line).containsExactly(
                new IceCandidate.Extension("generation", "0"), new IceCandidate.Extension("ufrag", "PWwO"),
                new IceCandidate.Extension("x-future", "yes"), new IceCandidate.Extension("generation", "1"),
                new IceCandidate.Extension("network-id", "2"));
        assertThat(IceCandidates.write(c)).as("written back").isEqualTo(line);
    }

    @Test
    @Order(7)
    @DisplayName("writes a candidate built in code in the grammar's order: raddr and rport after typ, then extensions")
    void writesBuiltCandidate() {
        IceCandidate relay = new IceCandidate("a1+/", 2, "udp", 16777215L, "203.0.113.7", 3478, CandidateType.RELAY,
                "198.51.100.2", 50000, List.of(new IceCandidate.Extension("generation", "0")));
        assertThat(IceCandidates.write(relay)).as("a relay candidate")
                .isEqualTo("candidate:a1+/ 2 udp 16777215 203.0.113.7 3478 typ relay raddr 198.51.100.2 rport 50000"
                        + " generation 0");
    }

    @ParameterizedTest(name = "{0}")
    @Order(8)
    @CsvSource({
        "Chrome host,       126, 32542, 1, 2122260223",
        "Chrome srflx,      100, 32542, 1, 1686052607",
        "Chrome relay UDP,    2, 32287, 1, 41820159",
        "Firefox host RTP,  126, 32512, 1, 2122252543",
        "Firefox host RTCP, 126, 32512, 2, 2122252542",
        "highest,           126, 65535, 1, 2130706431",
        "lowest,              0,     0, 256, 0",
        "mid-range,         110,   256, 200, 1845559352",
    })
    @DisplayName("computes priority = 2^24 × type preference + 2^8 × local preference + (256 − component ID), matching"
            + " browsers' candidates (RFC 8445 §5.1.2.1)")
    void priority(String what, int type, int local, int component, long expected) {
        assertThat(IceCandidates.priority(type, local, component))
                .as("%s: priority(%d, %d, %d)", what, type, local, component).isEqualTo(expected);
    }

    @Test
    @Order(9)
    @DisplayName("recommends type preferences 126 host, 110 prflx, 100 srflx, 0 relay, and refuses out-of-range inputs"
            + " (RFC 8445 §5.1.2.2)")
    void typePreferencesAndRanges() {
        assertThat(List.of(IceCandidates.recommendedTypePreference(CandidateType.HOST),
                IceCandidates.recommendedTypePreference(CandidateType.PRFLX),
                IceCandidates.recommendedTypePreference(CandidateType.SRFLX),
                IceCandidates.recommendedTypePreference(CandidateType.RELAY)))
                .as("type preferences of host, prflx, srflx, relay").containsExactly(126, 110, 100, 0);
        int[][] bad = {{127, 0, 1}, {-1, 0, 1}, {0, 65536, 1}, {0, -1, 1}, {0, 0, 0}, {0, 0, 257}};
        for (int[] b : bad) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("priority(%d, %d, %d)", b[0], b[1], b[2])
                    .isThrownBy(() -> IceCandidates.priority(b[0], b[1], b[2]));
        }
    }

    @Test
    @Order(10)
    @DisplayName("recognises the end of candidates: 'a=end-of-candidates', 'end-of-candidates' or an empty candidate,"
            + " and nothing else (RFC 8840 §8.2)")
    void endOfCandidates() {
        for (String end : List.of("a=end-of-candidates", "end-of-candidates", "")) {
            assertThat(IceCandidates.isEndOfCandidates(end)).as("'%s'", end).isTrue();
        }
        for (String not : List.of(CHROME_UDP_HOST, "a=end-of-candidates ", " end-of-candidates",
                "end-of-candidates:1", "a=end-of-candidatesX", "x-end-of-candidates", "A=end-of-candidates",
                "END-OF-CANDIDATES")) {
            assertThat(IceCandidates.isEndOfCandidates(not)).as("'%s'", not).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @Order(11)
    @CsvSource(delimiter = '|', value = {
        "empty after candidate:               | candidate:",
        "not a candidate line                 | a=cand:1 1 udp 1 10.0.0.1 9 typ host",
        "foundation of 33 ice-chars           | candidate:123456789012345678901234567890123 1 udp 1 10.0.0.1 9 typ host",
        "foundation with an underscore        | candidate:a_b 1 udp 1 10.0.0.1 9 typ host",
        "component 0                          | candidate:1 0 udp 1 10.0.0.1 9 typ host",
        "component 257                        | candidate:1 257 udp 1 10.0.0.1 9 typ host",
        "component 1x                         | candidate:1 1x udp 1 10.0.0.1 9 typ host",
        "transport u/dp                       | candidate:1 1 u/dp 1 10.0.0.1 9 typ host",
        "priority 0                           | candidate:1 1 udp 0 10.0.0.1 9 typ host",
        "priority 2^31                        | candidate:1 1 udp 2147483648 10.0.0.1 9 typ host",
        "priority of 11 digits                | candidate:1 1 udp 00000000001 10.0.0.1 9 typ host",
        "priority -5                          | candidate:1 1 udp -5 10.0.0.1 9 typ host",
        "address 1.2.3.256                    | candidate:1 1 udp 1 1.2.3.256 9 typ host",
        "Safari capture 225555.55.555.555     | candidate:1 1 udp 1 225555.55.555.555 9 typ host",
        "address 1.2.3                        | candidate:1 1 udp 1 1.2.3 9 typ host",
        "address 1:2:3:4:5:6:7:8:9            | candidate:1 1 udp 1 1:2:3:4:5:6:7:8:9 9 typ host",
        "address 1::2::3                      | candidate:1 1 udp 1 1::2::3 9 typ host",
        "host name with an underscore        | candidate:1 1 udp 1 my_host.local 9 typ host",
        "address label of 64 chars            | candidate:1 1 udp 1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.local 9 typ host",
        "port 65536                           | candidate:1 1 udp 1 10.0.0.1 65536 typ host",
        "port 9a                              | candidate:1 1 udp 1 10.0.0.1 9a typ host",
        "type instead of typ                  | candidate:1 1 udp 1 10.0.0.1 9 type host",
        "no typ at all                        | candidate:1 1 udp 1 10.0.0.1 9",
        "unknown type                         | candidate:750991856 2 udp 25108222 237.30.30.30 51472 typ unknown raddr 47.61.61.61 rport 54763",
        "host with raddr                      | candidate:1 1 udp 1 10.0.0.1 9 typ host raddr 10.0.0.2 rport 9",
        "srflx without raddr                  | candidate:1 1 udp 1 10.0.0.1 9 typ srflx generation 0",
        "raddr without rport                  | candidate:1 1 udp 1 10.0.0.1 9 typ srflx raddr 10.0.0.2",
        "rport without raddr                  | candidate:1 1 udp 1 10.0.0.1 9 typ srflx rport 9",
        "raddr not an address                 | candidate:1 1 udp 1 10.0.0.1 9 typ srflx raddr 10.0.0.999 rport 9",
        "extension without value              | candidate:1 1 udp 1 10.0.0.1 9 typ host generation",
        "two spaces                           | candidate:1 1 udp 1  10.0.0.1 9 typ host",
        "trailing space                       | 'candidate:1 1 udp 1 10.0.0.1 9 typ host '",
        "tab as separator                     | candidate:1\t1 udp 1 10.0.0.1 9 typ host",
    })
    @DisplayName("refuses a malformed candidate line with IceCandidateException that shows the line (RFC 8839 §5.1)")
    void refusesMalformedLines(String what, String line) {
        assertThat(failure(line)).as("the message for %s", what).contains(Fixtures.visible(line).trim());
    }

    @ParameterizedTest(name = "{0}")
    @Order(12)
    @ValueSource(strings = {"candidate:1 1 udp 2147483647 10.0.0.1 65535 typ host",
        "candidate:12345678901234567890123456789012 256 udp 1 0.0.0.0 0 typ host",
        "candidate:1 1 udp 1 255.255.255.255 9 typ relay raddr :: rport 0"})
    @DisplayName("accepts the edges of every range: priority 2^31 − 1, port 65535 and 0, component 256, 32-char"
            + " foundation")
    void acceptsEdges(String line) {
        assertThat(IceCandidates.write(IceCandidates.parse(line))).as("parsed and written back").isEqualTo(line);
    }
}
