package dev.backendkatas.diffiehellman;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Random sources for the graded tests. Real key generation uses the system's SecureRandom; tests need sources whose
 * output they know, so that every run checks the same keys and a failure can be replayed.
 */
final class TestRandoms {

    private TestRandoms() {
    }

    /** A reproducible stream of bytes (SplitMix64). Good spread, zero secrecy: for tests only. */
    static SecureRandom seeded(long seed) {
        return new Deterministic(seed);
    }

    /** A broken source that returns only zero bytes, like an uninitialised or stubbed-out generator. */
    static SecureRandom zeros() {
        return new Scripted();
    }

    /** Returns each given array for one {@code nextBytes} call, in order; then zero bytes. Counts the calls. */
    static Scripted scripted(byte[]... draws) {
        return new Scripted(draws);
    }

    private static final class Deterministic extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private long state;

        Deterministic(long seed) {
            this.state = seed;
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            long word = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (i % 8 == 0) {
                    word = next64();
                }
                bytes[i] = (byte) (word >>> (8 * (i % 8)));
            }
        }

        private long next64() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        @Override
        public void setSeed(long seed) {
            // Called by java.util.Random's constructor; the stream depends only on the constructor's seed.
        }

        @Override
        public byte[] generateSeed(int numBytes) {
            byte[] seed = new byte[numBytes];
            nextBytes(seed);
            return seed;
        }

        @Override
        public String getAlgorithm() {
            return "test-only-splitmix64";
        }
    }

    static final class Scripted extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final Deque<byte[]> script = new ArrayDeque<>();
        private int calls;

        Scripted(byte[]... draws) {
            for (byte[] draw : draws) {
                script.add(draw.clone());
            }
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            calls++;
            byte[] next = script.poll();
            if (next == null) {
                Arrays.fill(bytes, (byte) 0);
                return;
            }
            if (next.length != bytes.length) {
                throw new AssertionError("the scripted random source expected a request for " + next.length
                        + " bytes, got one for " + bytes.length + " (see the contract of the method under test)");
            }
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        }

        @Override
        public void setSeed(long seed) {
            // Ignored: the script is the output.
        }

        @Override
        public byte[] generateSeed(int numBytes) {
            return new byte[numBytes];
        }

        @Override
        public String getAlgorithm() {
            return "test-only-scripted";
        }

        /** How many times {@code nextBytes} was called. */
        synchronized int calls() {
            return calls;
        }
    }
}
