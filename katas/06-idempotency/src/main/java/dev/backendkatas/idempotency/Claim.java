package dev.backendkatas.idempotency;

/**
 * What {@link KeyStore#claim} found for a key: the four cases of the draft's enforcement scenarios
 * (draft-ietf-httpapi-idempotency-key-header §2.6 and §2.7). Given to you.
 */
public sealed interface Claim {

    /**
     * The caller now owns the key: a first request, a takeover of a key whose lease ended (Stage 5), or a key whose
     * earlier use expired (Stage 6). It must run the operation ({@link KeyStore#complete}) or give the key back
     * ({@link KeyStore#release}).
     *
     * @param token the random token that names this owner; the store accepts a completion only from the current owner
     */
    record Acquired(String client, String key, String fingerprint, String token) implements Claim {
    }

    /** The key's operation completed: replay this response, do not run anything. */
    record Completed(StoredResponse response) implements Claim {
    }

    /** Another request with this key is still running, and its lease has not ended: {@code 409}. */
    record InFlight() implements Claim {
    }

    /** The key was first used for a different request (another fingerprint): {@code 422}. */
    record Mismatch() implements Claim {
    }
}
