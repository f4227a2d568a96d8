package dev.backendkatas.webrtcsignaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The browser captures of {@code src/test/resources/sdp/} (their sources are in that folder's README.md) and small
 * helpers for the graded tests.
 */
final class Fixtures {

    /** Chrome / libwebrtc audio+video offer: elixir-webrtc/ex_webrtc, test/fixtures/audio_video_sdp.txt. */
    static final String CHROME_OFFER = "chrome-offer.sdp";
    /** Firefox 99 audio+video offer: elixir-webrtc/ex_webrtc, test/fixtures/sdp/firefox_audio_video_sdp.txt. */
    static final String FIREFOX_OFFER = "firefox-offer.sdp";
    /** Firefox 68 offer with candidates: aws/amazon-chime-sdk-js, test/sdp/FirefoxSDPMock.ts. */
    static final String FIREFOX_OFFER_WITH_CANDIDATES = "firefox-offer-with-candidates.sdp";
    /** Firefox Nightly 79 answer: aws/amazon-chime-sdk-js, test/sdp/FirefoxSDPMock.ts. */
    static final String FIREFOX_ANSWER = "firefox-answer.sdp";
    /** Safari audio+video offer: aws/amazon-chime-sdk-js, test/sdp/SafariSDPMock.ts. */
    static final String SAFARI_OFFER = "safari-offer.sdp";
    /** libwebrtc (Chrome's engine, through webrtc-java 0.14.0) answering {@link #CHROME_OFFER}: made for this kata. */
    static final String LIBWEBRTC_ANSWER = "libwebrtc-answer.sdp";

    static final List<String> ALL = List.of(CHROME_OFFER, FIREFOX_OFFER, FIREFOX_OFFER_WITH_CANDIDATES,
            FIREFOX_ANSWER, SAFARI_OFFER, LIBWEBRTC_ANSWER);

    private Fixtures() {
    }

    /** The fixture's exact text (its bytes, read as UTF-8). */
    static String sdp(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /sdp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines, each followed by CRLF: an SDP as a browser writes it. */
    static String crlf(String... lines) {
        return Arrays.stream(lines).map(l -> l + "\r\n").collect(Collectors.joining());
    }

    /** Shows CR, LF, tab and other control characters, for failure messages. */
    static String visible(String s) {
        return SdpParseException.visible(s);
    }

    /** The first {@code max} characters of {@code s}, control characters visible. */
    static String excerpt(String s, int max) {
        return visible(s.length() <= max ? s : s.substring(0, max) + "…");
    }
}
