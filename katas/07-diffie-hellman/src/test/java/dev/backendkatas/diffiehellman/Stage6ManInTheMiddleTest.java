package dev.backendkatas.diffiehellman;

import static dev.backendkatas.diffiehellman.Oracles.hex;
import static dev.backendkatas.diffiehellman.TestHelpers.allRefuseNull;
import static dev.backendkatas.diffiehellman.TestHelpers.reasonOf;
import static dev.backendkatas.diffiehellman.TestHelpers.text;
import static dev.backendkatas.diffiehellman.TestHelpers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 6 of kata 07: the man in the middle and signed key shares; the README section of the same name teaches it. */
@Order(6)
@DisplayName("Stage 6 — The man in the middle")
class Stage6ManInTheMiddleTest {

    private final byte[] ad = new byte[0];

    private byte[] signedBytes(byte[] publicKey) {
        byte[] context = utf8(Peer.SIGNATURE_CONTEXT);
        byte[] out = Arrays.copyOf(context, context.length + 1 + publicKey.length);
        System.arraycopy(publicKey, 0, out, context.length + 1, publicKey.length);
        return out;
    }

    private byte[] sign(KeyPair identity, byte[] publicKey) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(identity.getPrivate());
        signer.update(signedBytes(publicKey));
        return signer.sign();
    }

    /** A fresh authenticated Alice, with Bob's identity as the one she trusts. */
    private Peer alice(KeyPair aliceId, KeyPair bobId) {
        return Peer.authenticated(Role.INITIATOR, TestRandoms.seeded(1), aliceId, bobId.getPublic());
    }

    @Test
    @Order(1)
    @DisplayName("two anonymous peers exchange key shares and talk both ways")
    void anonymousPeersTalk() throws Exception {
        Peer alice = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1));
        Peer bob = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(2));

        assertThat(alice.keyShare().publicKey()).as("an X25519 public key").hasSize(32);
        assertThat(alice.keyShare().signature()).as("an anonymous peer signs nothing").isEmpty();
        SecureChannel aliceChannel = alice.complete(bob.keyShare());
        SecureChannel bobChannel = bob.complete(alice.keyShare());

        assertThat(text(bobChannel.open(aliceChannel.seal(utf8("hi Bob"), ad), ad))).isEqualTo("hi Bob");
        assertThat(text(aliceChannel.open(bobChannel.seal(utf8("hi Alice"), ad), ad))).isEqualTo("hi Alice");
    }

    @Test
    @Order(2)
    @DisplayName("with anonymous peers, Mallory in the middle reads and rewrites every message undetected")
    void mitmWinsAgainstAnonymousPeers() throws Exception {
        Peer alice = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1));
        Peer bob = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(2));
        // Mallory answers Alice as if she were Bob, and calls Bob as if she were Alice.
        Peer malloryForAlice = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(666));
        Peer malloryForBob = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(667));

        SecureChannel aliceChannel = alice.complete(malloryForAlice.keyShare());   // Alice thinks: Bob's share
        SecureChannel bobChannel = bob.complete(malloryForBob.keyShare());         // Bob thinks: Alice's share
        SecureChannel malloryAlice = malloryForAlice.complete(alice.keyShare());
        SecureChannel malloryBob = malloryForBob.complete(bob.keyShare());

        SealedMessage fromAlice = aliceChannel.seal(utf8("pay 10 EUR to Bob, IBAN DE01"), ad);
        String intercepted = text(malloryAlice.open(fromAlice, ad));
        assertThat(intercepted).as("Mallory reads Alice's message").isEqualTo("pay 10 EUR to Bob, IBAN DE01");
        SealedMessage forged = malloryBob.seal(utf8(intercepted.replace("10", "9000").replace("DE01", "XX66")), ad);
        assertThat(text(bobChannel.open(forged, ad))).as("Bob opens Mallory's rewrite without any error")
                .isEqualTo("pay 9000 EUR to Bob, IBAN XX66");

        SealedMessage fromBob = bobChannel.seal(utf8("done"), ad);
        assertThat(text(aliceChannel.open(malloryAlice.seal(malloryBob.open(fromBob, ad), ad), ad)))
                .as("and relays the answer back").isEqualTo("done");
    }

    @Test
    @Order(3)
    @DisplayName("authenticated peers (Ed25519 identities) complete an honest exchange and talk")
    void authenticatedPeersTalk() throws Exception {
        KeyPair aliceId = Oracles.ed25519Identity(100);
        KeyPair bobId = Oracles.ed25519Identity(200);
        Peer alice = alice(aliceId, bobId);
        Peer bob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(2), bobId, aliceId.getPublic());

        SecureChannel aliceChannel = alice.complete(bob.keyShare());
        SecureChannel bobChannel = bob.complete(alice.keyShare());
        assertThat(text(bobChannel.open(aliceChannel.seal(utf8("hi Bob"), ad), ad))).isEqualTo("hi Bob");
        assertThat(text(aliceChannel.open(bobChannel.seal(utf8("hi Alice"), ad), ad))).isEqualTo("hi Alice");
    }

    @Test
    @Order(4)
    @DisplayName("signs context ‖ 0x00 ‖ X25519 public key with Ed25519, checked with the JDK's Signature")
    void signsTheDocumentedBytes() throws Exception {
        KeyPair aliceId = Oracles.ed25519Identity(100);
        KeyPair bobId = Oracles.ed25519Identity(200);
        Peer alice = alice(aliceId, bobId);
        KeyShare share = alice.keyShare();

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(aliceId.getPublic());
        verifier.update(signedBytes(share.publicKey()));
        assertThat(verifier.verify(share.signature())).as("the signature verifies under Alice's identity").isTrue();
        assertThat(hex(share.publicKey())).as("the public key is X25519 of the 32 bytes the random source gave")
                .isEqualTo(hex(Oracles.bouncyCastleX25519PublicKey(Oracles.randomBytes(TestRandoms.seeded(1), 32))));
        assertThat(alice.keyShare()).as("the same share every time").isEqualTo(share);
    }

    @Test
    @Order(5)
    @DisplayName("makes a fresh ephemeral key per peer, and refuses a random source that returns zeros")
    void ephemeralKeys() {
        KeyPair aliceId = Oracles.ed25519Identity(100);
        KeyPair bobId = Oracles.ed25519Identity(200);
        Peer first = Peer.authenticated(Role.INITIATOR, TestRandoms.seeded(31), aliceId, bobId.getPublic());
        Peer second = Peer.authenticated(Role.INITIATOR, TestRandoms.seeded(32), aliceId, bobId.getPublic());
        assertThat(hex(first.keyShare().publicKey())).as("same identity, new exchange, new key (forward secrecy)")
                .isNotEqualTo(hex(second.keyShare().publicKey()));
        assertThatExceptionOfType(IllegalStateException.class).as("anonymous peer, zero source")
                .isThrownBy(() -> Peer.anonymous(Role.INITIATOR, TestRandoms.zeros()));
        assertThatExceptionOfType(IllegalStateException.class).as("authenticated peer, zero source")
                .isThrownBy(() -> Peer.authenticated(Role.INITIATOR, TestRandoms.zeros(), aliceId, bobId.getPublic()));
    }

    @Test
    @Order(6)
    @DisplayName("an authenticated peer refuses Mallory's substituted share with AuthenticationFailedException")
    void refusesSubstitutedShare() throws Exception {
        KeyPair aliceId = Oracles.ed25519Identity(100);
        KeyPair bobId = Oracles.ed25519Identity(200);
        KeyPair malloryId = Oracles.ed25519Identity(666);
        Peer mallory = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(666));
        Peer malloryWithId = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(667), malloryId,
                aliceId.getPublic());
        Peer bob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(2), bobId, aliceId.getPublic());
        byte[] malloryKey = mallory.keyShare().publicKey();

        assertThatExceptionOfType(AuthenticationFailedException.class).as("Mallory's own share, unsigned")
                .isThrownBy(() -> alice(aliceId, bobId).complete(mallory.keyShare()));
        assertThatExceptionOfType(AuthenticationFailedException.class)
                .as("Mallory's share, signed with Mallory's own identity")
                .isThrownBy(() -> alice(aliceId, bobId).complete(malloryWithId.keyShare()));
        assertThatExceptionOfType(AuthenticationFailedException.class)
                .as("Mallory's public key with Bob's genuine signature (which covers Bob's key)")
                .isThrownBy(() -> alice(aliceId, bobId).complete(new KeyShare(malloryKey, bob.keyShare().signature())));
        assertThatExceptionOfType(AuthenticationFailedException.class)
                .as("a correctly built signature by the wrong identity")
                .isThrownBy(() -> alice(aliceId, bobId).complete(new KeyShare(malloryKey, sign(malloryId, malloryKey))));
        assertThatCode(() -> alice(aliceId, bobId).complete(bob.keyShare()))
                .as("while Bob's genuine share is accepted").doesNotThrowAnyException();
    }

    @Test
    @Order(7)
    @DisplayName("Mallory relaying with substituted keys fails loudly on both sides once peers authenticate")
    void mitmFailsAgainstAuthenticatedPeers() {
        KeyPair aliceId = Oracles.ed25519Identity(100);
        KeyPair bobId = Oracles.ed25519Identity(200);
        Peer alice = alice(aliceId, bobId);
        Peer bob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(2), bobId, aliceId.getPublic());
        Peer malloryForAlice = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(666));
        Peer malloryForBob = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(667));
        // Mallory keeps the honest signatures but swaps in her keys: the signatures no longer match.
        KeyShare toAlice = new KeyShare(malloryForAlice.keyShare().publicKey(), bob.keyShare().signature());
        KeyShare toBob = new KeyShare(malloryForBob.keyShare().publicKey(), alice.keyShare().signature());

        assertThatExceptionOfType(AuthenticationFailedException.class).as("Alice receives Mallory's key")
                .isThrownBy(() -> alice.complete(toAlice));
        assertThatExceptionOfType(AuthenticationFailedException.class).as("Bob receives Mallory's key")
                .isThrownBy(() -> bob.complete(toBob));
    }

    @Test
    @Order(8)
    @DisplayName("refuses a reflected share (Alice's own, sent back to her) and damaged or padded signatures")
    void refusesReflectionAndDamagedSignatures() {
        KeyPair aliceId = Oracles.ed25519Identity(100);
        KeyPair bobId = Oracles.ed25519Identity(200);
        Peer alice = alice(aliceId, bobId);
        Peer bob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(2), bobId, aliceId.getPublic());
        assertThatExceptionOfType(AuthenticationFailedException.class).as("Alice's own share, reflected")
                .isThrownBy(() -> alice.complete(alice.keyShare()));

        byte[] publicKey = bob.keyShare().publicKey();
        byte[] signature = bob.keyShare().signature();
        List<KeyShare> damaged = List.of(
                new KeyShare(publicKey, Oracles.flipBit(signature, 0)),
                new KeyShare(publicKey, Oracles.flipBit(signature, 63)),
                new KeyShare(publicKey, Arrays.copyOf(signature, 63)),
                new KeyShare(publicKey, Arrays.copyOf(signature, 65)),
                new KeyShare(publicKey, Arrays.copyOf(signature, 128)),
                new KeyShare(publicKey, new byte[0]),
                new KeyShare(publicKey, new byte[64]),
                new KeyShare(Oracles.flipBit(publicKey, 5), signature));
        for (KeyShare share : damaged) {
            assertThatExceptionOfType(AuthenticationFailedException.class)
                    .as("%s (Bob's genuine signature is 64 bytes)", share)
                    .isThrownBy(() -> alice(aliceId, bobId).complete(share));
        }
    }

    @Test
    @Order(9)
    @DisplayName("checks the signature before the key: a low-order key with a bad signature fails authentication")
    void authenticatesBeforeAgreeing() {
        KeyPair aliceId = Oracles.ed25519Identity(100);
        KeyPair bobId = Oracles.ed25519Identity(200);
        assertThatExceptionOfType(AuthenticationFailedException.class).as("u = 0 with 64 zero bytes of signature")
                .isThrownBy(() -> alice(aliceId, bobId).complete(new KeyShare(new byte[32], new byte[64])));
    }

    @Test
    @Order(10)
    @DisplayName("an anonymous peer still refuses low-order and wrong-length keys (stage 5's checks)")
    void anonymousPeerValidatesKeys() {
        assertThat(reasonOf(() -> Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1))
                .complete(new KeyShare(new byte[32], new byte[0])))).as("u = 0")
                .isEqualTo(InvalidPublicKeyException.Reason.LOW_ORDER);
        assertThat(reasonOf(() -> Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1))
                .complete(new KeyShare(new byte[31], new byte[0])))).as("31 bytes")
                .isEqualTo(InvalidPublicKeyException.Reason.WRONG_LENGTH);
    }

    @Test
    @Order(11)
    @DisplayName("completes at most once, whether the first attempt succeeded or failed (IllegalStateException)")
    void completesOnce() throws Exception {
        Peer bob = Peer.anonymous(Role.RESPONDER, TestRandoms.seeded(2));
        Peer alice = Peer.anonymous(Role.INITIATOR, TestRandoms.seeded(1));
        alice.complete(bob.keyShare());
        assertThatExceptionOfType(IllegalStateException.class).as("a second complete after a success")
                .isThrownBy(() -> alice.complete(bob.keyShare()));

        KeyPair aliceId = Oracles.ed25519Identity(100);
        KeyPair bobId = Oracles.ed25519Identity(200);
        Peer careful = alice(aliceId, bobId);
        Peer honestBob = Peer.authenticated(Role.RESPONDER, TestRandoms.seeded(4), bobId, aliceId.getPublic());
        assertThatExceptionOfType(AuthenticationFailedException.class).as("an anonymous share")
                .isThrownBy(() -> careful.complete(bob.keyShare()));
        assertThatExceptionOfType(IllegalStateException.class).as("after a failure, even with the right share")
                .isThrownBy(() -> careful.complete(honestBob.keyShare()));
    }

    @Test
    @Order(12)
    @DisplayName("rejects null arguments with NullPointerException")
    void rejectsNulls() {
        KeyPair id = Oracles.ed25519Identity(100);
        SecureRandom random = TestRandoms.seeded(1);
        allRefuseNull(List.of(
                () -> Peer.anonymous(null, random), () -> Peer.anonymous(Role.INITIATOR, null),
                () -> Peer.authenticated(null, random, id, id.getPublic()),
                () -> Peer.authenticated(Role.INITIATOR, null, id, id.getPublic()),
                () -> Peer.authenticated(Role.INITIATOR, random, null, id.getPublic()),
                () -> Peer.authenticated(Role.INITIATOR, random, id, null),
                () -> Peer.anonymous(Role.INITIATOR, random).complete(null)));
    }
}
