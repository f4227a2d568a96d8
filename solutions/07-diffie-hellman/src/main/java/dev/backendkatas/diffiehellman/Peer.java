package dev.backendkatas.diffiehellman;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Objects;

/**
 * Stage 6 — one party of an X25519 exchange, anonymous or authenticated with Ed25519 signatures over its key share.
 */
public final class Peer {

    /** The context string that starts every signed key share. */
    public static final String SIGNATURE_CONTEXT = "backend-katas DH kata, X25519 key share";

    private static final String ED25519 = "Ed25519";
    /** R and S, 32 bytes each (RFC 8032 §5.1.6). */
    private static final int SIGNATURE_LENGTH = 64;

    private final Role role;
    private final X25519KeyPair ephemeral;
    private final KeyShare share;
    /** Null for an anonymous peer. */
    private final PublicKey trustedPeerIdentity;
    private boolean used;

    private Peer(Role role, X25519KeyPair ephemeral, byte[] signature, PublicKey trustedPeerIdentity) {
        this.role = role;
        this.ephemeral = ephemeral;
        this.share = new KeyShare(ephemeral.publicKey(), signature);
        this.trustedPeerIdentity = trustedPeerIdentity;
    }

    /** A peer that signs nothing and trusts anything. */
    public static Peer anonymous(Role role, SecureRandom random) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(random, "random");
        return new Peer(role, X25519.generateKeyPair(random), new byte[0], null);
    }

    /** A peer that signs its share and accepts only shares signed by the trusted identity. */
    public static Peer authenticated(Role role, SecureRandom random, KeyPair identity, PublicKey trustedPeerIdentity) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(trustedPeerIdentity, "trustedPeerIdentity");
        // A fresh ephemeral key per exchange is what gives forward secrecy: the long-term identity key only
        // signs, so stealing it later decrypts nothing recorded today.
        X25519KeyPair ephemeral = X25519.generateKeyPair(random);
        byte[] signature = sign(identity.getPrivate(), ephemeral.publicKey());
        return new Peer(role, ephemeral, signature, trustedPeerIdentity);
    }

    /** The share to send: the same object's worth of bytes every time. */
    public KeyShare keyShare() {
        return share;
    }

    /** Authenticate (if we have a trusted identity), agree, derive the channel. Once only. */
    public SecureChannel complete(KeyShare peerShare) throws AuthenticationFailedException, InvalidPublicKeyException {
        Objects.requireNonNull(peerShare, "peerShare");
        if (used) {
            throw new IllegalStateException("this peer already completed an exchange (or failed one): make a new one");
        }
        used = true;
        byte[] peerPublicKey = peerShare.publicKey();
        // Authenticate before computing anything with the key: a share we cannot attribute is not worth a
        // scalar multiplication, and its errors should not tell the sender anything more.
        if (trustedPeerIdentity != null && !verify(trustedPeerIdentity, peerPublicKey, peerShare.signature())) {
            throw new AuthenticationFailedException("the key share is not signed by the trusted peer identity:"
                    + " someone in the middle may have replaced it");
        }
        return SecureChannel.create(role, X25519.sharedSecret(ephemeral.privateKey(), peerPublicKey));
    }

    /** Context, a zero byte, the public key: what the signature covers. */
    private static byte[] signedBytes(byte[] publicKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE_CONTEXT.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(publicKey);
        return out.toByteArray();
    }

    private static byte[] sign(PrivateKey identity, byte[] publicKey) {
        try {
            Signature signer = Signature.getInstance(ED25519);
            signer.initSign(identity);
            signer.update(signedBytes(publicKey));
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the identity is not an Ed25519 key pair", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static boolean verify(PublicKey trusted, byte[] publicKey, byte[] signature)
            throws AuthenticationFailedException {
        // The JDK 17 verifier ignores bytes after the 64th, so a padded signature would pass: refuse anything but
        // exactly R || S. Accepting variants of a valid signature is how malleability bugs start.
        if (signature.length != SIGNATURE_LENGTH) {
            throw new AuthenticationFailedException("an Ed25519 signature is " + SIGNATURE_LENGTH + " bytes, got "
                    + signature.length);
        }
        try {
            Signature verifier = Signature.getInstance(ED25519);
            verifier.initVerify(trusted);
            verifier.update(signedBytes(publicKey));
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // A malformed signature (wrong length, bad encoding) is a failed authentication, not a crash.
            throw new AuthenticationFailedException("malformed signature on the key share", e);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the trusted peer identity is not an Ed25519 public key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification failed", e);
        }
    }
}
