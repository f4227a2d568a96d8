package dev.backendkatas.tlshandshake;

import static dev.backendkatas.tlshandshake.TestHelpers.alertOf;
import static dev.backendkatas.tlshandshake.TestHelpers.allRefuseNull;
import static dev.backendkatas.tlshandshake.TestHelpers.bytes;
import static dev.backendkatas.tlshandshake.TestHelpers.concat;
import static dev.backendkatas.tlshandshake.TestHelpers.filled;
import static dev.backendkatas.tlshandshake.TestHelpers.hex;
import static dev.backendkatas.tlshandshake.TestHelpers.jdkOpen;
import static dev.backendkatas.tlshandshake.TestHelpers.jdkSeal;
import static dev.backendkatas.tlshandshake.TestHelpers.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Stage 4 of kata 08: AES-128-GCM record protection; the README section of the same name teaches it. */
@Order(4)
@DisplayName("Stage 4 — Record protection")
class Stage4RecordProtectionTest {

    private static final TrafficKeys SERVER_HANDSHAKE = new TrafficKeys(bytes(Rfc8448.S_HS_KEY), bytes(Rfc8448.S_HS_IV));
    private static final TrafficKeys CLIENT_HANDSHAKE = new TrafficKeys(bytes(Rfc8448.C_HS_KEY), bytes(Rfc8448.C_HS_IV));
    private static final TrafficKeys SERVER_APPLICATION = new TrafficKeys(bytes(Rfc8448.S_AP_KEY), bytes(Rfc8448.S_AP_IV));
    private static final TrafficKeys CLIENT_APPLICATION = new TrafficKeys(bytes(Rfc8448.C_AP_KEY), bytes(Rfc8448.C_AP_IV));
    /** An IV of all ones: there, adding the sequence number and XORing it give different nonces from 1 on. */
    private static final TrafficKeys ONES = new TrafficKeys(filled(16, 0x42), filled(12, 0xff));

    private static final byte[] SERVER_FLIGHT = concat(bytes(Rfc8448.ENCRYPTED_EXTENSIONS),
            bytes(Rfc8448.CERTIFICATE), bytes(Rfc8448.CERTIFICATE_VERIFY), bytes(Rfc8448.SERVER_FINISHED));

    private static RecordProtection reading(TrafficKeys keys) {
        RecordProtection protection = new RecordProtection();
        protection.setReadKeys(keys);
        return protection;
    }

    private static RecordProtection writing(TrafficKeys keys) {
        RecordProtection protection = new RecordProtection();
        protection.setWriteKeys(keys);
        return protection;
    }

    @Test
    @Order(1)
    @DisplayName("makes the nonce: IV XOR the 64-bit sequence number, left-padded to 12 bytes (§5.3)")
    void nonce() {
        byte[] iv = bytes(Rfc8448.S_HS_IV);
        assertThat(hex(RecordProtection.nonce(iv, 0))).as("sequence 0: the IV itself").isEqualTo(Rfc8448.S_HS_IV);
        assertThat(hex(RecordProtection.nonce(iv, 1))).as("sequence 1 on 5d313eb2671276ee13000b30")
                .isEqualTo("5d313eb2671276ee13000b31");
        assertThat(hex(RecordProtection.nonce(filled(12, 0xff), 1))).as("sequence 1 on ff…ff: XOR, not addition")
                .isEqualTo("fffffffffffffffffffffffe");
        assertThat(hex(RecordProtection.nonce(new byte[12], 0x0102030405060708L))).as("big-endian, in the last 8 bytes")
                .isEqualTo("000000000102030405060708");
        assertThat(hex(RecordProtection.nonce(iv, -1L))).as("sequence 2^64 - 1 flips the last 8 bytes, not the first 4")
                .isEqualTo("5d313eb298ed8911ecfff4cf");
        assertThatExceptionOfType(IllegalArgumentException.class).as("an 11-byte IV")
                .isThrownBy(() -> RecordProtection.nonce(new byte[11], 0));
    }

    @Test
    @Order(2)
    @DisplayName("decrypts RFC 8448's server flight: inner type handshake, EncryptedExtensions..Finished (§5.2)")
    void decryptsTheServerFlight() throws TlsAlertException {
        RecordProtection client = reading(SERVER_HANDSHAKE);
        assertThat(client.readSequenceNumber()).as("a new read key starts at sequence 0").isZero();
        Plaintext flight = client.decrypt(record(Rfc8448.SERVER_FLIGHT_RECORD));
        assertThat(flight.type()).as("the real content type, from inside the encryption").isEqualTo(ContentType.HANDSHAKE);
        assertThat(hex(flight.content())).as("EncryptedExtensions || Certificate || CertificateVerify || Finished")
                .isEqualTo(hex(SERVER_FLIGHT));
        assertThat(client.readSequenceNumber()).as("one record read").isEqualTo(1);
    }

    @Test
    @Order(3)
    @DisplayName("encrypts the client Finished byte for byte as RFC 8448: 17 03 03 00 35 75ec4dc2… (§5.2)")
    void encryptsTheClientFinished() {
        RecordProtection client = writing(CLIENT_HANDSHAKE);
        TlsRecord finished = client.encrypt(ContentType.HANDSHAKE, bytes(Rfc8448.CLIENT_FINISHED), 0);
        assertThat(hex(finished.encode())).as("the client Finished record, client handshake key, sequence 0")
                .isEqualTo(Rfc8448.CLIENT_FINISHED_RECORD);
        assertThat(client.writeSequenceNumber()).as("one record written").isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("follows RFC 8448's client: one sequence number per direction, back to 0 at each new key (§5.3)")
    void sequenceNumbersPerDirectionAndKey() throws TlsAlertException {
        RecordProtection client = new RecordProtection();
        client.setReadKeys(SERVER_HANDSHAKE);
        client.decrypt(record(Rfc8448.SERVER_FLIGHT_RECORD));
        client.setWriteKeys(CLIENT_HANDSHAKE);
        assertThat(client.writeSequenceNumber()).as("writing has its own number, untouched by reading").isZero();
        assertThat(hex(client.encrypt(ContentType.HANDSHAKE, bytes(Rfc8448.CLIENT_FINISHED), 0).encode()))
                .as("client Finished at write sequence 0, after one record read").isEqualTo(Rfc8448.CLIENT_FINISHED_RECORD);

        client.setReadKeys(SERVER_APPLICATION);
        assertThat(client.readSequenceNumber()).as("the server's application key starts at 0").isZero();
        Plaintext ticket = client.decrypt(record(Rfc8448.NEW_SESSION_TICKET_RECORD));
        assertThat(ticket.type()).as("NewSessionTicket: inner type handshake").isEqualTo(ContentType.HANDSHAKE);
        assertThat(ticket.content()[0]).as("msg_type new_session_ticket (4)").isEqualTo((byte) 4);
        Plaintext data = client.decrypt(record(Rfc8448.SERVER_APPLICATION_DATA_RECORD));
        assertThat(data.type()).as("inner type of the server's data").isEqualTo(ContentType.APPLICATION_DATA);
        assertThat(hex(data.content())).as("the 50 bytes 00 01 … 31, at read sequence 1").isEqualTo(Rfc8448.APPLICATION_DATA);

        client.setWriteKeys(CLIENT_APPLICATION);
        assertThat(hex(client.encrypt(ContentType.APPLICATION_DATA, bytes(Rfc8448.APPLICATION_DATA), 0).encode()))
                .as("client application data, client application key, sequence 0")
                .isEqualTo(Rfc8448.CLIENT_APPLICATION_DATA_RECORD);
        assertThat(hex(client.encrypt(ContentType.ALERT, bytes("0100"), 0).encode()))
                .as("client close_notify (alert 01 00), sequence 1").isEqualTo(Rfc8448.CLIENT_CLOSE_NOTIFY_RECORD);
        assertThat(client.decrypt(record(Rfc8448.SERVER_CLOSE_NOTIFY_RECORD)))
                .as("server close_notify at read sequence 2").isEqualTo(new Plaintext(ContentType.ALERT, bytes("0100")));
        assertThat(client.readSequenceNumber()).as("three records read under the application key").isEqualTo(3);
        assertThat(client.writeSequenceNumber()).as("two written").isEqualTo(2);
    }

    @Test
    @Order(5)
    @DisplayName("restarts at sequence 0 when a key is installed again: the same record comes out")
    void sequenceRestartsWithEachKey() {
        RecordProtection protection = writing(ONES);
        byte[] first = protection.encrypt(ContentType.APPLICATION_DATA, bytes("abcd"), 0).encode();
        byte[] second = protection.encrypt(ContentType.APPLICATION_DATA, bytes("abcd"), 0).encode();
        assertThat(hex(second)).as("sequence 1 uses another nonce than 0").isNotEqualTo(hex(first));
        protection.setWriteKeys(ONES);
        assertThat(protection.writeSequenceNumber()).as("after setWriteKeys").isZero();
        assertThat(hex(protection.encrypt(ContentType.APPLICATION_DATA, bytes("abcd"), 0).encode()))
                .as("the first record under the re-installed key").isEqualTo(hex(first));
    }

    @Test
    @Order(6)
    @DisplayName("seals 300 records the JDK's AES-GCM opens with nonce = IV XOR n and the header as AAD")
    void agreesWithTheJdkOverManyRecords() throws Exception {
        RecordProtection writer = writing(ONES);
        RecordProtection reader = reading(ONES);
        for (int n = 0; n < 300; n++) {
            byte[] content = ("record " + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            TlsRecord sealed = writer.encrypt(ContentType.APPLICATION_DATA, content, n % 3);
            assertThat(sealed.legacyVersion()).as("legacy_record_version of a protected record").isEqualTo(0x0303);
            assertThat(sealed.type()).as("outer type").isEqualTo(ContentType.APPLICATION_DATA);
            byte[] inner = jdkOpen(ONES, n, sealed);
            assertThat(hex(inner)).as("TLSInnerPlaintext of record %d: content || 0x17 || %d zeros", n, n % 3)
                    .isEqualTo(hex(concat(content, new byte[] {23}, new byte[n % 3])));
            TlsRecord fromJdk = jdkSeal(ONES, n, concat(content, new byte[] {23}));
            assertThat(reader.decrypt(fromJdk).content()).as("the JDK's record %d, opened", n).isEqualTo(content);
        }
    }

    @Test
    @Order(7)
    @DisplayName("pads: content || type || zeros, and removes the padding on the way back (§5.4)")
    void padding() throws Exception {
        TlsRecord padded = writing(ONES).encrypt(ContentType.HANDSHAKE, bytes("14000000"), 100);
        assertThat(padded.fragment()).as("4 content + 1 type + 100 padding + 16 tag").hasSize(121);
        assertThat(reading(ONES).decrypt(padded)).as("decrypted, padding removed")
                .isEqualTo(new Plaintext(ContentType.HANDSHAKE, bytes("14000000")));
        TlsRecord empty = jdkSeal(ONES, 0, bytes("17000000"));
        assertThat(reading(ONES).decrypt(empty)).as("empty application data, padded with 3 zeros")
                .isEqualTo(new Plaintext(ContentType.APPLICATION_DATA, new byte[0]));
        TlsRecord zerosInContent = jdkSeal(ONES, 0, bytes("00000016000000"));
        assertThat(reading(ONES).decrypt(zerosInContent)).as("content ending in zeros: the LAST non-zero byte is the type")
                .isEqualTo(new Plaintext(ContentType.HANDSHAKE, bytes("000000")));
        TlsRecord largest = writing(ONES).encrypt(ContentType.APPLICATION_DATA, new byte[0], 1 << 14);
        assertThat(largest.fragment()).as("type + 2^14 padding: the largest inner plaintext, 2^14 + 1").hasSize((1 << 14) + 17);
        assertThat(reading(ONES).decrypt(largest).content()).isEmpty();
        assertThat(writing(ONES).encrypt(ContentType.APPLICATION_DATA, new byte[1 << 14], 0).fragment())
                .as("2^14 bytes of content").hasSize((1 << 14) + 17);
    }

    @Test
    @Order(8)
    @DisplayName("refuses a flipped bit anywhere in the record, and a changed header, with bad_record_mac (§5.2)")
    void refusesAnyChangedBit() {
        TlsRecord genuine = record(Rfc8448.CLIENT_FINISHED_RECORD);
        byte[] fragment = genuine.fragment();
        for (int i = 0; i < fragment.length; i++) {
            byte[] damaged = fragment.clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            TlsRecord forged = new TlsRecord(ContentType.APPLICATION_DATA, 0x0303, damaged);
            assertThat(alertOf(() -> reading(CLIENT_HANDSHAKE).decrypt(forged)))
                    .as("bit %d of byte %d of the client Finished flipped", i % 8, i).isEqualTo(AlertDescription.BAD_RECORD_MAC);
        }
        TlsRecord otherVersion = new TlsRecord(ContentType.APPLICATION_DATA, 0x0301, fragment);
        assertThat(alertOf(() -> reading(CLIENT_HANDSHAKE).decrypt(otherVersion)))
                .as("legacy_record_version 0x0301: the header is the additional data").isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(alertOf(() -> reading(SERVER_HANDSHAKE).decrypt(genuine)))
                .as("the client's record under the server's key").isEqualTo(AlertDescription.BAD_RECORD_MAC);
        TlsRecord cut = new TlsRecord(ContentType.APPLICATION_DATA, 0x0303, Arrays.copyOf(fragment, fragment.length - 1));
        assertThat(alertOf(() -> reading(CLIENT_HANDSHAKE).decrypt(cut))).as("the record one byte short")
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    @Order(9)
    @DisplayName("refuses a replayed, skipped or reordered record with bad_record_mac: the nonce is implicit (§5.3)")
    void refusesReplayAndReordering() throws TlsAlertException {
        RecordProtection replay = reading(SERVER_APPLICATION);
        replay.decrypt(record(Rfc8448.NEW_SESSION_TICKET_RECORD));
        assertThat(alertOf(() -> replay.decrypt(record(Rfc8448.NEW_SESSION_TICKET_RECORD))))
                .as("the NewSessionTicket again, at sequence 1").isEqualTo(AlertDescription.BAD_RECORD_MAC);
        RecordProtection skip = reading(SERVER_APPLICATION);
        assertThat(alertOf(() -> skip.decrypt(record(Rfc8448.SERVER_APPLICATION_DATA_RECORD))))
                .as("the record of sequence 1 first").isEqualTo(AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    @Order(10)
    @DisplayName("refuses hostile inner plaintexts: only zeros or an unknown or change_cipher_spec type (§5.4)")
    void refusesHostileInnerPlaintexts() {
        assertThat(alertOf(() -> reading(ONES).decrypt(jdkSeal(ONES, 0, new byte[20]))))
                .as("an inner plaintext of 20 zero bytes: no content type").isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(alertOf(() -> reading(ONES).decrypt(jdkSeal(ONES, 0, new byte[0]))))
                .as("an empty inner plaintext (just the tag)").isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(alertOf(() -> reading(ONES).decrypt(jdkSeal(ONES, 0, bytes("0102420000")))))
                .as("inner type 0x42").isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(alertOf(() -> reading(ONES).decrypt(jdkSeal(ONES, 0, bytes("0114")))))
                .as("inner type 20: change_cipher_spec is never protected (§5)").isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(11)
    @DisplayName("refuses a protected record over 2^14 + 256 bytes, or an inner plaintext over 2^14 + 1, with record_overflow")
    void refusesOversizedRecords() throws TlsAlertException {
        byte[] innerAtLimit = concat(new byte[1 << 14], new byte[] {23}, new byte[239]);
        TlsRecord atLimit = jdkSeal(ONES, 0, innerAtLimit);
        assertThat(atLimit.fragment()).as("2^14 + 256 bytes").hasSize((1 << 14) + 256);
        assertThatExceptionOfType(TlsAlertException.class)
                .as("2^14 + 256 bytes of which 2^14 + 240 inner plaintext: too much plaintext (§5.4)")
                .isThrownBy(() -> reading(ONES).decrypt(atLimit))
                .satisfies(e -> assertThat(e.alert()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
        TlsRecord plaintextPlusOne = jdkSeal(ONES, 0, concat(new byte[(1 << 14) + 1], new byte[] {23}));
        assertThat(alertOf(() -> reading(ONES).decrypt(plaintextPlusOne)))
                .as("an inner plaintext of 2^14 + 2 bytes").isEqualTo(AlertDescription.RECORD_OVERFLOW);
        TlsRecord plaintextAtLimit = jdkSeal(ONES, 0, concat(new byte[1 << 14], new byte[] {23}));
        assertThat(reading(ONES).decrypt(plaintextAtLimit).content()).as("an inner plaintext of 2^14 + 1 bytes")
                .hasSize(1 << 14);
        TlsRecord tooLong = new TlsRecord(ContentType.APPLICATION_DATA, 0x0303, new byte[(1 << 14) + 257]);
        assertThat(alertOf(() -> reading(ONES).decrypt(tooLong))).as("a fragment of 2^14 + 257 bytes, before decrypting")
                .isEqualTo(AlertDescription.RECORD_OVERFLOW);
        TlsRecord longest = new TlsRecord(ContentType.APPLICATION_DATA, 0x0303, new byte[(1 << 14) + 256]);
        assertThat(alertOf(() -> reading(ONES).decrypt(longest))).as("2^14 + 256 zero bytes: long enough, but forged")
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    @Order(12)
    @DisplayName("refuses a record that is not application_data (unexpected_message) or shorter than the tag (bad_record_mac)")
    void refusesWrongOuterTypesAndShortRecords() {
        TlsRecord plaintextHandshake = new TlsRecord(ContentType.HANDSHAKE, 0x0303, bytes(Rfc8448.SERVER_FINISHED));
        assertThat(alertOf(() -> reading(SERVER_HANDSHAKE).decrypt(plaintextHandshake)))
                .as("a plaintext handshake record once keys are in use").isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        for (int length : new int[] {0, 1, 15}) {
            TlsRecord shortRecord = new TlsRecord(ContentType.APPLICATION_DATA, 0x0303, new byte[length]);
            assertThat(alertOf(() -> reading(ONES).decrypt(shortRecord))).as("a protected record of %d bytes", length)
                    .isEqualTo(AlertDescription.BAD_RECORD_MAC);
        }
    }

    @Test
    @Order(13)
    @DisplayName("refuses to work without keys (IllegalStateException) and to seal what TLS cannot (IllegalArgumentException)")
    void refusesMisuse() {
        RecordProtection none = new RecordProtection();
        assertThatExceptionOfType(IllegalStateException.class).as("encrypt with no write key")
                .isThrownBy(() -> none.encrypt(ContentType.APPLICATION_DATA, new byte[1], 0));
        assertThatExceptionOfType(IllegalStateException.class).as("decrypt with no read key")
                .isThrownBy(() -> none.decrypt(record(Rfc8448.CLIENT_FINISHED_RECORD)));
        RecordProtection onlyRead = reading(ONES);
        assertThatExceptionOfType(IllegalStateException.class).as("a read key is no write key")
                .isThrownBy(() -> onlyRead.encrypt(ContentType.APPLICATION_DATA, new byte[1], 0));
        RecordProtection writer = writing(ONES);
        assertThatExceptionOfType(IllegalArgumentException.class).as("2^14 + 1 bytes of content")
                .isThrownBy(() -> writer.encrypt(ContentType.APPLICATION_DATA, new byte[(1 << 14) + 1], 0));
        assertThatExceptionOfType(IllegalArgumentException.class).as("type + padding of 2^14 + 1: inner 2^14 + 2")
                .isThrownBy(() -> writer.encrypt(ContentType.APPLICATION_DATA, new byte[0], (1 << 14) + 1));
        assertThatExceptionOfType(IllegalArgumentException.class).as("1 byte + type + 2^14 padding")
                .isThrownBy(() -> writer.encrypt(ContentType.APPLICATION_DATA, new byte[1], 1 << 14));
        assertThatExceptionOfType(IllegalArgumentException.class).as("padding -1")
                .isThrownBy(() -> writer.encrypt(ContentType.APPLICATION_DATA, new byte[1], -1));
        assertThatExceptionOfType(IllegalArgumentException.class).as("a protected change_cipher_spec")
                .isThrownBy(() -> writer.encrypt(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}, 0));
        assertThat(writer.writeSequenceNumber()).as("nothing was sent").isZero();
    }

    @Test
    @Order(14)
    @DisplayName("rejects null arguments with NullPointerException")
    void rejectsNulls() {
        RecordProtection protection = new RecordProtection();
        protection.setWriteKeys(ONES);
        protection.setReadKeys(ONES);
        allRefuseNull(List.of(() -> protection.setWriteKeys(null), () -> protection.setReadKeys(null),
                () -> RecordProtection.nonce(null, 0), () -> protection.encrypt(null, new byte[0], 0),
                () -> protection.encrypt(ContentType.ALERT, null, 0), () -> protection.decrypt(null)));
    }
}
