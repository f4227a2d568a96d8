package dev.backendkatas.diffiehellman;

/**
 * The X25519 exchange between Alice and Bob of RFC 7748 §6.1, as 32-byte little-endian hex strings: stage 5
 * reproduces it, and stage 7 uses it to check that X25519 works before checking how it is built.
 */
final class Rfc7748AliceAndBob {

    static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    /** X25519(Alice's private key, Bob's public key), which is also X25519(Bob's private key, Alice's public key). */
    static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    private Rfc7748AliceAndBob() {
    }
}
