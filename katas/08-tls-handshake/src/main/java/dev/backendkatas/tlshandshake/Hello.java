package dev.backendkatas.tlshandshake;

/**
 * Stage 2 — the hello messages: encodes the ClientHello (RFC 8446 §4.1.2) and decodes and checks the ServerHello
 * (§4.1.3) against what the client offered. Every length read from the peer is checked against the bytes that are
 * really there before it is used.
 */
public final class Hello {

    private Hello() {
    }

    /**
     * The ClientHello as a handshake message (§4.1.2): {@code legacy_version = 0x0303}, the 32-byte random,
     * {@code legacy_session_id<0..32>}, {@code cipher_suites<2..2^16-2>}, {@code legacy_compression_methods<1..2^8-1>}
     * holding the one method 0, and {@code extensions<8..2^16-1>}, each {@code type (uint16) || extension_data<0..2^16-1>},
     * in the order given.
     *
     * @param hello what to offer
     * @return the ClientHello message
     */
    public static HandshakeMessage encodeClientHello(ClientHello hello) {
        throw new UnsupportedOperationException("Stage 2: encode the ClientHello"
                + " — see katas/08-tls-handshake/README.md, 'Stage 2 — Hello'");
    }

    /**
     * Decodes a ServerHello or HelloRetryRequest (the same message type, told apart by the random, §4.1.3) and checks
     * it against the ClientHello it answers. A HelloRetryRequest is recognised and returned with
     * {@code helloRetryRequest = true}, the group it asks for and no key share; answering it is not this method's job.
     *
     * @param message the handshake message received
     * @param offered the ClientHello this client sent
     * @return the checked ServerHello
     * @throws TlsAlertException {@code unexpected_message} if the message is not a ServerHello;
     *                           {@code decode_error} if a length lies or bytes are left over;
     *                           {@code illegal_parameter} for a repeated extension (§4.2), a downgrade sentinel in a
     *                           ServerHello without supported_versions (§4.1.3), a selected version other than
     *                           0x0304 (§4.2.1), a session id echo that differs (§4.1.3), a cipher suite not offered
     *                           (§4.1.3), a compression method other than 0, an extension that does not belong in a
     *                           ServerHello or a HelloRetryRequest (§4.2), a key share for a group the client sent no
     *                           share for, or of another length than the client's (§4.2.8), a HelloRetryRequest asking
     *                           for a group not offered or already shared (§4.2.8);
     *                           {@code protocol_version} for a ServerHello without supported_versions and without the
     *                           sentinel; {@code unsupported_extension} for an extension the client did not send (the
     *                           cookie of a HelloRetryRequest excepted, §4.2); {@code missing_extension} without key_share
     */
    public static ServerHello decodeServerHello(HandshakeMessage message, ClientHello offered)
            throws TlsAlertException {
        throw new UnsupportedOperationException("Stage 2: decode and check the ServerHello"
                + " — see katas/08-tls-handshake/README.md, 'Stage 2 — Hello'");
    }
}
