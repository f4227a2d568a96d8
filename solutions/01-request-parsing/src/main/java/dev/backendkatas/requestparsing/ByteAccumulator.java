package dev.backendkatas.requestparsing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array for one element of a request (a line, a body). It grows as bytes actually arrive, never to a
 * size announced in advance: a client that promises ten megabytes and sends three bytes costs three bytes, not ten
 * megabytes. The callers check their limit before appending, so the array never outgrows it.
 */
final class ByteAccumulator {

    private byte[] bytes;
    private int size;

    ByteAccumulator(int initialCapacity) {
        this.bytes = new byte[Math.max(initialCapacity, 16)];
    }

    void append(byte b) {
        if (size == bytes.length) {
            grow(size + 1);
        }
        bytes[size++] = b;
    }

    void append(byte[] source, int offset, int length) {
        if (size + length > bytes.length) {
            grow(size + length);
        }
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    /** Empties the accumulator and keeps its array: the next line reuses it. */
    void clear() {
        size = 0;
    }

    /** Bytes {@code from} to {@code to} (exclusive) decoded as ISO-8859-1: one char per byte, never a decoding error. */
    String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The bytes accumulated; the array itself when it is exactly full, so a body of known length is not copied. */
    byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private void grow(int minCapacity) {
        // Doubling keeps appends O(1) amortised; the callers' limits bound minCapacity.
        long doubled = (long) bytes.length * 2;
        int capacity = (int) Math.min(Math.max(doubled, minCapacity), Integer.MAX_VALUE - 8);
        bytes = Arrays.copyOf(bytes, capacity);
    }
}
