package dev.backendkatas.webrtcsignaling;

import java.io.IOException;

/**
 * Not a test: runs the signaling server for a person, who opens its page ({@code GET /}) in two browser tabs and
 * chats between them over a WebRTC data channel. Needs Stage 5: before {@link Rooms} is written, every event stream
 * is refused (500). See the README, "Try it in two browser tabs".
 *
 * <p>It lives in the test sources so that the kata's main code has no {@code main} and the graded classes stay as
 * they are; it is named so that no test runner picks it up.
 */
public final class TwoTabsDemo {

    private TwoTabsDemo() {
    }

    /** Serves until Enter, or the end of standard input. */
    public static void main(String[] args) throws IOException {
        try (SignalingServer server = new SignalingServer(SignalingConfig.defaults())) {
            int port = server.start();
            String base = "http://127.0.0.1:" + port;
            System.out.println("Open " + base + "/?room=demo&peer=alice and " + base + "/?room=demo&peer=bob"
                    + " in two tabs");
            System.out.println("Press Enter to stop.");
            // The server's threads are daemons: the JVM stays up only while this read waits.
            System.in.read();
        }
    }
}
