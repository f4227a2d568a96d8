package dev.backendkatas.tlshandshake;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stage 2 — the hello messages: encodes the ClientHello (RFC 8446 §4.1.2) and decodes and checks the ServerHello
 * (§4.1.3) against what the client offered. Every length read from the peer is checked against the bytes that are
 * really there before it is used.
 */
public final class Hello {

    private Hello() {
    }

    /**
     * The ClientHello as a handshake message: legacy_version 0x0303, the random, the session id, the suites, the null
     * compression method and the extensions in the order given.
     */
    public static HandshakeMessage encodeClientHello(ClientHello hello) {
        Objects.requireNonNull(hello, "hello");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Extensions.writeUint16(body, TlsCodes.TLS12);
        body.writeBytes(hello.random());
        body.write(hello.legacySessionId().length);
        body.writeBytes(hello.legacySessionId());
        Extensions.writeUint16(body, 2 * hello.cipherSuites().size());
        for (int suite : hello.cipherSuites()) {
            Extensions.writeUint16(body, suite);
        }
        body.write(1); // legacy_compression_methods<1..2^8-1> = { null }
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        for (Extension extension : hello.extensions()) {
            Extensions.writeUint16(extensions, extension.type());
            Extensions.writeVector16(extensions, extension.data());
        }
        Extensions.writeVector16(body, extensions.toByteArray());
        return new HandshakeMessage(HandshakeType.CLIENT_HELLO, body.toByteArray());
    }

    /**
     * Decodes a ServerHello or HelloRetryRequest and checks it against the ClientHello it answers.
     *
     * @throws TlsAlertException see the README, 'Stage 2 — Hello', for the alert of each rule
     */
    public static ServerHello decodeServerHello(HandshakeMessage message, ClientHello offered)
            throws TlsAlertException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(offered, "offered");
        if (message.type() != HandshakeType.SERVER_HELLO) {
            throw alert(AlertDescription.UNEXPECTED_MESSAGE, "expected a ServerHello, got a " + message.type());
        }
        Reader in = new Reader(message.body(), "ServerHello");
        in.uint16(); // legacy_version: TLS 1.3 negotiates the version in supported_versions
        byte[] random = in.bytes(32);
        byte[] sessionIdEcho = in.bytes(in.uint8());
        int cipherSuite = in.uint16();
        int compression = in.uint8();
        List<Extension> extensions = new ArrayList<>();
        if (in.remaining() > 0) { // a TLS 1.2 ServerHello may end here; a TLS 1.3 one never does
            Reader block = in.vector16("extensions");
            Set<Integer> seen = new HashSet<>();
            while (block.remaining() > 0) {
                int type = block.uint16();
                byte[] data = block.vector16("extension_data").rest();
                if (!seen.add(type)) {
                    throw alert(AlertDescription.ILLEGAL_PARAMETER,
                            String.format("extension 0x%04x twice (RFC 8446 §4.2)", type));
                }
                extensions.add(new Extension(type, data));
            }
        }
        in.end();

        boolean retry = Arrays.equals(random, TlsCodes.helloRetryRequestRandom());
        Extension versions = find(extensions, TlsCodes.SUPPORTED_VERSIONS);
        if (versions == null) {
            // The server picked TLS 1.2 or older. A TLS 1.3 server only does so if an attacker removed 1.3 from our
            // offer, and then its random says so (§4.1.3).
            byte[] tail = Arrays.copyOfRange(random, 24, 32);
            if (Arrays.equals(tail, TlsCodes.downgradeTls12()) || Arrays.equals(tail, TlsCodes.downgradeTls11())) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER,
                        "downgrade sentinel in the server random: someone removed TLS 1.3 from the offer"
                                + " (RFC 8446 §4.1.3)");
            }
            throw alert(AlertDescription.PROTOCOL_VERSION, "the server does not speak TLS 1.3 (no supported_versions)");
        }
        Reader version = new Reader(versions.data(), "supported_versions");
        int selectedVersion = version.uint16();
        version.end();
        if (selectedVersion != TlsCodes.TLS13) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER,
                    String.format("supported_versions selects 0x%04x, only 0x0304 was offered (RFC 8446 §4.2.1)",
                            selectedVersion));
        }
        if (!Arrays.equals(sessionIdEcho, offered.legacySessionId())) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER,
                    "legacy_session_id_echo differs from the session id sent (RFC 8446 §4.1.3)");
        }
        if (!offered.cipherSuites().contains(cipherSuite)) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER,
                    String.format("cipher suite 0x%04x was not offered (RFC 8446 §4.1.3)", cipherSuite));
        }
        if (compression != 0) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "legacy_compression_method " + compression + ", not 0");
        }
        Set<Integer> sent = new HashSet<>();
        offered.extensions().forEach(e -> sent.add(e.type()));
        Set<Integer> allowed = retry
                ? Set.of(TlsCodes.KEY_SHARE, TlsCodes.SUPPORTED_VERSIONS, TlsCodes.COOKIE)
                : Set.of(TlsCodes.KEY_SHARE, TlsCodes.SUPPORTED_VERSIONS, TlsCodes.PRE_SHARED_KEY);
        for (Extension extension : extensions) {
            boolean cookie = retry && extension.type() == TlsCodes.COOKIE; // the one a server may send unasked
            if (!cookie && !sent.contains(extension.type())) {
                throw alert(AlertDescription.UNSUPPORTED_EXTENSION,
                        String.format("extension 0x%04x was not offered (RFC 8446 §4.2)", extension.type()));
            }
            if (!allowed.contains(extension.type())) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER,
                        String.format("extension 0x%04x does not belong in a %s (RFC 8446 §4.2)", extension.type(),
                                retry ? "HelloRetryRequest" : "ServerHello"));
            }
        }

        Extension keyShare = find(extensions, TlsCodes.KEY_SHARE);
        if (keyShare == null) {
            throw alert(AlertDescription.MISSING_EXTENSION,
                    "no key_share: this client only does (EC)DHE (RFC 8446 §4.2.8)");
        }
        List<KeyShareEntry> ourShares = offeredShares(offered);
        Reader share = new Reader(keyShare.data(), "key_share");
        if (retry) {
            int group = share.uint16();
            share.end();
            List<Integer> groups = offeredGroups(offered);
            boolean alreadyShared = ourShares.stream().anyMatch(s -> s.group() == group);
            if (!groups.contains(group) || alreadyShared) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, String.format(
                        "HelloRetryRequest asks for group 0x%04x, %s (RFC 8446 §4.2.8)", group,
                        alreadyShared ? "for which we already sent a share" : "which we did not offer"));
            }
            return new ServerHello(random, sessionIdEcho, cipherSuite, extensions, group, null, true);
        }
        int group = share.uint16();
        byte[] keyExchange = share.vector16("key_exchange").rest();
        share.end();
        KeyShareEntry ours = ourShares.stream().filter(s -> s.group() == group).findFirst().orElseThrow(() -> alert(
                AlertDescription.ILLEGAL_PARAMETER,
                String.format("the server's key share is for group 0x%04x, we sent none (RFC 8446 §4.2.8)", group)));
        if (keyExchange.length != ours.keyExchange().length) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "a key share of " + keyExchange.length
                    + " bytes where ours has " + ours.keyExchange().length + " (RFC 8446 §4.2.8.2)");
        }
        return new ServerHello(random, sessionIdEcho, cipherSuite, extensions, group,
                new KeyShareEntry(group, keyExchange), false);
    }

    private static Extension find(List<Extension> extensions, int type) {
        return extensions.stream().filter(e -> e.type() == type).findFirst().orElse(null);
    }

    /** The key shares of our own ClientHello (we built it, so it parses). */
    private static List<KeyShareEntry> offeredShares(ClientHello offered) throws TlsAlertException {
        List<KeyShareEntry> shares = new ArrayList<>();
        Extension ext = find(offered.extensions(), TlsCodes.KEY_SHARE);
        if (ext != null) {
            Reader list = new Reader(ext.data(), "our key_share").vector16("client_shares");
            while (list.remaining() > 0) {
                int group = list.uint16();
                shares.add(new KeyShareEntry(group, list.vector16("key_exchange").rest()));
            }
        }
        return shares;
    }

    private static List<Integer> offeredGroups(ClientHello offered) throws TlsAlertException {
        List<Integer> groups = new ArrayList<>();
        Extension ext = find(offered.extensions(), TlsCodes.SUPPORTED_GROUPS);
        if (ext != null) {
            Reader list = new Reader(ext.data(), "our supported_groups").vector16("named_group_list");
            while (list.remaining() > 0) {
                groups.add(list.uint16());
            }
        }
        return groups;
    }

    private static TlsAlertException alert(AlertDescription description, String message) {
        return new TlsAlertException(description, message);
    }

    /** A bounds-checked cursor: every read that would pass the end is a decode_error, never an exception of Java's. */
    private static final class Reader {
        private final ByteBuffer buffer;
        private final String what;

        Reader(byte[] bytes, String what) {
            this.buffer = ByteBuffer.wrap(bytes);
            this.what = what;
        }

        int remaining() {
            return buffer.remaining();
        }

        int uint8() throws TlsAlertException {
            need(1);
            return buffer.get() & 0xFF;
        }

        int uint16() throws TlsAlertException {
            need(2);
            return buffer.getShort() & 0xFFFF;
        }

        byte[] bytes(int length) throws TlsAlertException {
            need(length);
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }

        Reader vector16(String name) throws TlsAlertException {
            return new Reader(bytes(uint16()), name);
        }

        byte[] rest() {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }

        void end() throws TlsAlertException {
            if (buffer.hasRemaining()) {
                throw alert(AlertDescription.DECODE_ERROR,
                        buffer.remaining() + " bytes left over at the end of the " + what + " (RFC 8446 §4)");
            }
        }

        private void need(int length) throws TlsAlertException {
            if (buffer.remaining() < length) {
                throw alert(AlertDescription.DECODE_ERROR, "the " + what + " needs " + length
                        + " more bytes, only " + buffer.remaining() + " are left: a length lies (RFC 8446 §4)");
            }
        }
    }
}
