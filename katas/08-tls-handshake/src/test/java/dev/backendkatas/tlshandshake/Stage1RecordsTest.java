package dev.backendkatas.tlshandshake;

import static dev.backendkatas.tlshandshake.TestHelpers.alertOf;
import static dev.backendkatas.tlshandshake.TestHelpers.allRefuseNull;
import static dev.backendkatas.tlshandshake.TestHelpers.bytes;
import static dev.backendkatas.tlshandshake.TestHelpers.concat;
import static dev.backendkatas.tlshandshake.TestHelpers.header;
import static dev.backendkatas.tlshandshake.TestHelpers.hex;
import static dev.backendkatas.tlshandshake.TestHelpers.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage 1 of kata 08: the record layer and handshake reassembly; the README section of the same name teaches it. */
@Order(1)
@DisplayName("Stage 1 — Records")
class Stage1RecordsTest {

    /** The three records the client of RFC 8448 §3 sees first: its own ClientHello, then the server's two. */
    private static final byte[] THREE_RECORDS = concat(bytes(Rfc8448.CLIENT_HELLO_RECORD),
            bytes(Rfc8448.SERVER_HELLO_RECORD), bytes(Rfc8448.SERVER_FLIGHT_RECORD));

    /** The plaintext of RFC 8448's encrypted server flight: four handshake messages in one record. */
    private static final byte[] SERVER_FLIGHT = concat(bytes(Rfc8448.ENCRYPTED_EXTENSIONS),
            bytes(Rfc8448.CERTIFICATE), bytes(Rfc8448.CERTIFICATE_VERIFY), bytes(Rfc8448.SERVER_FINISHED));

    private static final List<HandshakeMessage> FLIGHT_MESSAGES = List.of(message(Rfc8448.ENCRYPTED_EXTENSIONS),
            message(Rfc8448.CERTIFICATE), message(Rfc8448.CERTIFICATE_VERIFY), message(Rfc8448.SERVER_FINISHED));

    private static List<TlsRecord> readAll(InputStream in) throws IOException {
        RecordReader reader = new RecordReader(in);
        List<TlsRecord> records = new ArrayList<>();
        for (TlsRecord record = reader.read(); record != null; record = reader.read()) {
            records.add(record);
        }
        return records;
    }

    private static List<HandshakeMessage> drain(HandshakeReassembler reassembler) throws TlsAlertException {
        List<HandshakeMessage> messages = new ArrayList<>();
        for (HandshakeMessage m = reassembler.next(); m != null; m = reassembler.next()) {
            messages.add(m);
        }
        return messages;
    }

    private static AlertDescription readAlert(byte[] wire) {
        return alertOf(() -> readAll(new ByteArrayInputStream(wire)));
    }

    @Test
    @Order(1)
    @DisplayName("reads RFC 8448's ClientHello record: type 22, legacy_record_version 0x0301, 196 bytes (RFC 8446 §5.1)")
    void readsTheClientHelloRecord() throws IOException {
        RecordReader reader = new RecordReader(new ByteArrayInputStream(bytes(Rfc8448.CLIENT_HELLO_RECORD)));
        TlsRecord record = reader.read();
        assertThat(record.type()).as("content type of 16 03 01 00 c4 …").isEqualTo(ContentType.HANDSHAKE);
        assertThat(record.legacyVersion()).as("legacy_record_version, returned as read").isEqualTo(0x0301);
        assertThat(hex(record.fragment())).as("fragment: the ClientHello message, 0xc4 = 196 bytes")
                .isEqualTo(Rfc8448.CLIENT_HELLO);
        assertThat(reader.read()).as("the stream ends between two records: read() returns null").isNull();
    }

    @Test
    @Order(2)
    @DisplayName("reads records back to back: ServerHello (handshake, 90 bytes), then the protected flight (23, 674)")
    void readsRecordsBackToBack() throws IOException {
        List<TlsRecord> records = readAll(new ByteArrayInputStream(THREE_RECORDS));
        assertThat(records).as("records in CH record + SH record + encrypted record").hasSize(3);
        assertThat(records.get(1)).as("the ServerHello record")
                .isEqualTo(new TlsRecord(ContentType.HANDSHAKE, 0x0303, bytes(Rfc8448.SERVER_HELLO)));
        assertThat(records.get(2).type()).as("outer type of a protected record (§5.2)")
                .isEqualTo(ContentType.APPLICATION_DATA);
        assertThat(hex(records.get(2).encode())).as("the protected record, header and all")
                .isEqualTo(Rfc8448.SERVER_FLIGHT_RECORD);
    }

    @ParameterizedTest(name = "reads of at most {0} byte(s)")
    @Order(3)
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 100})
    @DisplayName("reads the same records when the stream delivers them in pieces of any size (TCP has no records)")
    void readsAStreamSplitAnywhere(int chunk) throws IOException {
        List<TlsRecord> expected = readAll(new ByteArrayInputStream(THREE_RECORDS));
        assertThat(readAll(TestHelpers.trickle(THREE_RECORDS, chunk))).as("records read %d byte(s) at a time", chunk)
                .isEqualTo(expected);
        assertThat(readAll(TestHelpers.randomlySplit(THREE_RECORDS, chunk))).as("records read in random pieces")
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "legacy_record_version 0x{0}")
    @Order(4)
    @ValueSource(strings = {"0000", "0301", "0303", "0304", "ffff"})
    @DisplayName("ignores legacy_record_version: returns it as read, refuses none (RFC 8446 §5.1)")
    void ignoresTheLegacyVersion(String version) throws IOException {
        byte[] oneRecord = concat(new byte[] {22}, bytes(version), bytes("0004"),
                bytes(Rfc8448.SERVER_FINISHED.substring(0, 8)));
        TlsRecord record = new RecordReader(new ByteArrayInputStream(oneRecord)).read();
        assertThat(record.legacyVersion()).as("legacy_record_version").isEqualTo(Integer.parseInt(version, 16));
        assertThat(hex(record.fragment())).as("4-byte fragment").isEqualTo(Rfc8448.SERVER_FINISHED.substring(0, 8));
    }

    @ParameterizedTest(name = "content type {0}")
    @Order(5)
    @ValueSource(ints = {20, 21, 22})
    @DisplayName("accepts a plaintext fragment of 2^14 bytes, refuses 2^14 + 1 with record_overflow (RFC 8446 §5.1)")
    void plaintextLengthLimit(int type) throws IOException {
        byte[] largest = concat(header(type, 1 << 14), new byte[1 << 14]);
        assertThat(new RecordReader(new ByteArrayInputStream(largest)).read().fragment()).as("2^14 bytes").hasSize(1 << 14);
        assertThat(readAlert(concat(header(type, (1 << 14) + 1), new byte[(1 << 14) + 1])))
                .as("a type-%d record of 2^14 + 1 bytes", type).isEqualTo(AlertDescription.RECORD_OVERFLOW);
        assertThat(readAlert(header(type, 0xFFFF))).as("a header announcing 65535 bytes, refused before they are read")
                .isEqualTo(AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    @Order(6)
    @DisplayName("accepts a protected record of 2^14 + 256 bytes, refuses 2^14 + 257 with record_overflow (§5.2)")
    void ciphertextLengthLimit() throws IOException {
        int limit = (1 << 14) + 256;
        byte[] largest = concat(header(23, limit), new byte[limit]);
        assertThat(new RecordReader(new ByteArrayInputStream(largest)).read().fragment()).as("2^14 + 256 bytes")
                .hasSize(limit);
        assertThat(readAlert(concat(header(23, limit + 1), new byte[limit + 1])))
                .as("an application_data record of 2^14 + 257 bytes").isEqualTo(AlertDescription.RECORD_OVERFLOW);
        assertThat(readAlert(header(23, 0xFFFF))).as("a header announcing 65535 bytes, refused before they are read")
                .isEqualTo(AlertDescription.RECORD_OVERFLOW);
    }

    @ParameterizedTest(name = "content type {0}")
    @Order(7)
    @ValueSource(ints = {0, 1, 19, 24, 25, 128, 255})
    @DisplayName("refuses an unknown content type with unexpected_message, from the header alone (RFC 8446 §5.1)")
    void refusesUnknownContentTypes(int type) {
        assertThat(readAlert(concat(header(type, 2), new byte[2]))).as("a record of type %d", type)
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(readAlert(header(type, 2))).as("only the header of a record of type %d", type)
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(8)
    @DisplayName("refuses a stream that ends inside a record, header or fragment, with decode_error")
    void refusesTruncatedRecords() throws IOException {
        byte[] record = bytes(Rfc8448.SERVER_HELLO_RECORD);
        for (int length = 1; length < record.length; length++) {
            byte[] cut = Arrays.copyOf(record, length);
            assertThat(readAlert(cut)).as("the ServerHello record cut after %d of %d bytes", length, record.length)
                    .isEqualTo(AlertDescription.DECODE_ERROR);
        }
        assertThat(readAlert(Arrays.copyOf(THREE_RECORDS, THREE_RECORDS.length - 1)))
                .as("three records, the last one byte short: a length that lies").isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(new RecordReader(new ByteArrayInputStream(new byte[0])).read()).as("an empty stream: no record")
                .isNull();
    }

    @Test
    @Order(9)
    @DisplayName("splits one record holding four handshake messages into the four messages (RFC 8446 §5.1)")
    void severalMessagesInOneRecord() throws TlsAlertException {
        HandshakeReassembler reassembler = new HandshakeReassembler();
        reassembler.add(SERVER_FLIGHT);
        assertThat(drain(reassembler)).as("EncryptedExtensions, Certificate, CertificateVerify, Finished of RFC 8448")
                .containsExactlyElementsOf(FLIGHT_MESSAGES);
        assertThat(reassembler.atMessageBoundary()).as("nothing left over").isTrue();
        assertThat(reassembler.next()).as("no fifth message").isNull();
    }

    @Test
    @Order(10)
    @DisplayName("joins a message that spans several records, and returns nothing until it is complete")
    void oneMessageOverSeveralRecords() throws TlsAlertException {
        byte[] certificate = bytes(Rfc8448.CERTIFICATE);
        HandshakeReassembler reassembler = new HandshakeReassembler();
        int[] cuts = {1, 3, 4, 104, certificate.length - 1};
        int from = 0;
        for (int cut : cuts) {
            reassembler.add(Arrays.copyOfRange(certificate, from, cut));
            from = cut;
            assertThat(reassembler.next()).as("after %d of %d bytes of the Certificate", cut, certificate.length)
                    .isNull();
            assertThat(reassembler.atMessageBoundary()).as("in the middle of a message, after %d bytes", cut)
                    .isFalse();
        }
        reassembler.add(Arrays.copyOfRange(certificate, from, certificate.length));
        assertThat(reassembler.next()).as("the Certificate, once its last byte is in")
                .isEqualTo(message(Rfc8448.CERTIFICATE));
        assertThat(reassembler.atMessageBoundary()).isTrue();
    }

    @Test
    @Order(11)
    @DisplayName("finds the same four messages wherever the flight is cut into two records")
    void flightCutAnywhere() throws TlsAlertException {
        for (int cut = 1; cut < SERVER_FLIGHT.length; cut++) {
            HandshakeReassembler reassembler = new HandshakeReassembler();
            reassembler.add(Arrays.copyOf(SERVER_FLIGHT, cut));
            List<HandshakeMessage> messages = drain(reassembler);
            reassembler.add(Arrays.copyOfRange(SERVER_FLIGHT, cut, SERVER_FLIGHT.length));
            messages.addAll(drain(reassembler));
            assertThat(messages).as("messages with the flight cut after byte %d", cut)
                    .containsExactlyElementsOf(FLIGHT_MESSAGES);
        }
    }

    @Test
    @Order(12)
    @DisplayName("returns an empty-bodied message, and messages that arrive one byte per record")
    void emptyBodiesAndOneBytePerRecord() throws TlsAlertException {
        HandshakeReassembler reassembler = new HandshakeReassembler();
        byte[] wire = concat(bytes("05000000"), bytes(Rfc8448.SERVER_FINISHED));
        List<HandshakeMessage> messages = new ArrayList<>();
        for (byte b : wire) {
            reassembler.add(new byte[] {b});
            messages.addAll(drain(reassembler));
        }
        assertThat(messages).as("EndOfEarlyData (empty body), then Finished, fed one byte at a time")
                .containsExactly(new HandshakeMessage(HandshakeType.END_OF_EARLY_DATA, new byte[0]),
                        message(Rfc8448.SERVER_FINISHED));
    }

    @ParameterizedTest(name = "handshake type {0}")
    @Order(13)
    @ValueSource(ints = {0, 3, 6, 7, 9, 12, 21, 253, 255})
    @DisplayName("refuses an unknown handshake type with unexpected_message as soon as its byte arrives (RFC 8446 §4)")
    void refusesUnknownHandshakeTypes(int type) {
        assertThat(alertOf(() -> new HandshakeReassembler().add(new byte[] {(byte) type})))
                .as("a fragment holding the type byte %d alone", type).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(14)
    @DisplayName("returns the messages before a bad one first, then refuses the bad one (nothing accepted is lost)")
    void messagesBeforeABadOneAreKept() throws TlsAlertException {
        HandshakeReassembler reassembler = new HandshakeReassembler();
        reassembler.add(concat(SERVER_FLIGHT, new byte[] {0x42, 0, 0, 0}));
        for (HandshakeMessage expected : FLIGHT_MESSAGES) {
            assertThat(reassembler.next()).as("the good messages first").isEqualTo(expected);
        }
        assertThat(alertOf(reassembler::next)).as("then the message of type 0x42")
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(15)
    @DisplayName("refuses a message longer than its bound with decode_error once its 4-byte header is in")
    void refusesOversizedMessages() throws TlsAlertException {
        HandshakeReassembler small = new HandshakeReassembler(1000);
        small.add(bytes("0b0003e8"));
        assertThat(small.next()).as("a Certificate of exactly 1000 bytes is awaited").isNull();
        assertThat(alertOf(() -> new HandshakeReassembler(1000).add(bytes("0b0003e9"))))
                .as("a Certificate announcing 1001 bytes, bound 1000").isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(() -> new HandshakeReassembler().add(bytes("0bffffff"))))
                .as("a Certificate announcing 2^24 - 1 bytes, default bound 2^16").isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(() -> new HandshakeReassembler().add(bytes("0b010001"))))
                .as("2^16 + 1 bytes, default bound 2^16").isEqualTo(AlertDescription.DECODE_ERROR);
        HandshakeReassembler byDefault = new HandshakeReassembler();
        byDefault.add(bytes("0b010000"));
        assertThat(byDefault.atMessageBoundary()).as("2^16 bytes are awaited").isFalse();
        HandshakeReassembler none = new HandshakeReassembler(0);
        none.add(bytes("05000000"));
        assertThat(none.next()).as("bound 0: an EndOfEarlyData, whose body is empty")
                .isEqualTo(new HandshakeMessage(HandshakeType.END_OF_EARLY_DATA, new byte[0]));
        assertThat(alertOf(() -> none.add(bytes("14000001")))).as("bound 0: a Finished of 1 byte")
                .isEqualTo(AlertDescription.DECODE_ERROR);
        HandshakeReassembler split = new HandshakeReassembler(1000);
        split.add(bytes("0b00"));
        assertThat(alertOf(() -> split.add(bytes("03e9")))).as("the same header split over two records")
                .isEqualTo(AlertDescription.DECODE_ERROR);
    }

    @Test
    @Order(16)
    @DisplayName("shows a length that lies: a message announcing more bytes than come is never returned")
    void lyingMessageLengths() throws TlsAlertException {
        HandshakeReassembler longer = new HandshakeReassembler();
        longer.add(bytes("14000021" + Rfc8448.SERVER_FINISHED.substring(8)));
        assertThat(longer.next()).as("a Finished announcing 33 bytes with 32 present").isNull();
        assertThat(longer.atMessageBoundary())
                .as("not at a message boundary: a key change now is an unexpected_message (§5.1)").isFalse();

        HandshakeReassembler shorter = new HandshakeReassembler();
        shorter.add(bytes("1400001e" + Rfc8448.SERVER_FINISHED.substring(8)));
        assertThat(shorter.next()).as("a Finished announcing 30 bytes: the first 30 bytes are its body")
                .isEqualTo(new HandshakeMessage(HandshakeType.FINISHED,
                        Arrays.copyOfRange(bytes(Rfc8448.SERVER_FINISHED), 4, 34)));
        assertThat(alertOf(shorter::next)).as("then its last two bytes, 07 18, are read as a message of type 7")
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(17)
    @DisplayName("refuses an empty handshake fragment with unexpected_message (RFC 8446 §5.1)")
    void refusesEmptyHandshakeFragments() {
        assertThat(alertOf(() -> new HandshakeReassembler().add(new byte[0]))).as("a zero-length handshake record")
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    @Order(18)
    @DisplayName("rejects null arguments with NullPointerException and a negative bound with IllegalArgumentException")
    void rejectsNullsAndNegativeBounds() {
        allRefuseNull(List.of(() -> new RecordReader(null), () -> new HandshakeReassembler().add(null)));
        assertThatExceptionOfType(IllegalArgumentException.class).as("new HandshakeReassembler(-1)")
                .isThrownBy(() -> new HandshakeReassembler(-1));
    }
}
