package dev.backendkatas.diffiehellman;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * Stage 6 — one party of a key exchange over X25519, with or without authentication.
 *
 * <p>A peer makes a fresh (ephemeral) X25519 key pair when it is created, sends its {@link #keyShare()}, and
 * {@link #complete completes} the exchange with the share it receives, which gives it a {@link SecureChannel} for
 * its {@link Role}.
 *
 * <ul>
 *   <li>An <b>anonymous</b> peer sends an empty signature and accepts any share. A man in the middle can run one
 *       exchange with each side and read everything: nothing tells Alice that the share she received came from
 *       Mallory and not from Bob.</li>
 *   <li>An <b>authenticated</b> peer has a long-term Ed25519 identity key pair and knows the identity public key it
 *       trusts for the other side (in TLS, the certificate does that job). It signs its share, and it refuses a
 *       share whose signature does not verify under the trusted key.</li>
 * </ul>
 *
 * <p><b>What is signed</b> (Ed25519, the JDK's {@code Signature.getInstance("Ed25519")}, RFC 8032): the UTF-8 bytes
 * of {@link #SIGNATURE_CONTEXT}, one zero byte, then the 32 bytes of the sender's X25519 public key. The context
 * string keeps a signature made here from being accepted anywhere else (TLS 1.3 does the same, RFC 8446 §4.4.3).
 */
public final class Peer {

    /** The context string that starts every signed key share. */
    public static final String SIGNATURE_CONTEXT = "backend-katas DH kata, X25519 key share";

    private Peer() {
    }

    /**
     * A peer without an identity: it signs nothing and trusts any share.
     *
     * @param role   which side of the channel it will be
     * @param random the source of its ephemeral X25519 private key (see {@link X25519#generateKeyPair})
     * @return the peer, its key share ready
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if the random source is broken (as {@link X25519#generateKeyPair})
     */
    public static Peer anonymous(Role role, SecureRandom random) {
        throw new UnsupportedOperationException("Stage 6: an anonymous peer"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 6 — The man in the middle'");
    }

    /**
     * A peer with an Ed25519 identity that accepts only shares signed by {@code trustedPeerIdentity}.
     *
     * @param role                which side of the channel it will be
     * @param random              the source of its ephemeral X25519 private key
     * @param identity            its own long-term Ed25519 key pair, used to sign its share
     * @param trustedPeerIdentity the Ed25519 public key the other side must sign with
     * @return the peer, its signed key share ready
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code identity} cannot sign with Ed25519 (it is not an Ed25519 key pair)
     * @throws IllegalStateException    if the random source is broken
     */
    public static Peer authenticated(Role role, SecureRandom random, KeyPair identity,
            PublicKey trustedPeerIdentity) {
        throw new UnsupportedOperationException("Stage 6: an authenticated peer"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 6 — The man in the middle'");
    }

    /**
     * What this peer sends: its ephemeral public key, and its signature (empty when anonymous). The same share
     * every time it is asked.
     *
     * @return the key share
     */
    public KeyShare keyShare() {
        throw new UnsupportedOperationException("Stage 6: the key share"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 6 — The man in the middle'");
    }

    /**
     * Completes the exchange with the share received from the other side, in this order:
     * <ol>
     *   <li>an authenticated peer verifies the signature under the trusted identity. A signature that is not
     *       exactly 64 bytes (RFC 8032 §5.1.6), a malformed or wrong one, or a share signed by anyone else →
     *       {@link AuthenticationFailedException}. Check the length yourself: the JDK's verifier does not refuse
     *       every extra byte;</li>
     *   <li>the X25519 shared secret, with its checks ({@link X25519#sharedSecret});</li>
     *   <li>a {@link SecureChannel} for this peer's role, keyed by that secret.</li>
     * </ol>
     * A peer completes at most once: a second call fails, whether the first succeeded or not (a failed handshake is
     * over, as in TLS).
     *
     * @param peerShare the share that arrived
     * @return the channel to talk to the other side
     * @throws NullPointerException           if {@code peerShare} is null
     * @throws IllegalStateException          if {@code complete} was called before
     * @throws AuthenticationFailedException  if this peer is authenticated and the signature does not verify
     * @throws InvalidPublicKeyException      if the public key in the share is refused
     * @throws IllegalArgumentException       if the trusted identity is not an Ed25519 public key
     */
    public SecureChannel complete(KeyShare peerShare) throws AuthenticationFailedException, InvalidPublicKeyException {
        throw new UnsupportedOperationException("Stage 6: complete the exchange"
                + " — see katas/07-diffie-hellman/README.md, 'Stage 6 — The man in the middle'");
    }
}
