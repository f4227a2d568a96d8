package dev.backendkatas.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stage 3 — what makes two requests "the same request" for a key. See the stub's Javadoc for the contract. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** The fingerprint of a request: SHA-256 over the method, the path and the canonical body, in hex. */
    public static String of(String method, String path, String canonicalBody) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        // A method and a path never contain LF, so it separates the parts without ambiguity.
        String text = method + "\n" + path + "\n" + canonicalBody;
        return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
