package dev.backendkatas.bench;

import dev.backendkatas.diffiehellman.DhGroup;
import dev.backendkatas.diffiehellman.DhKeyPair;
import dev.backendkatas.diffiehellman.FiniteFieldDh;
import dev.backendkatas.diffiehellman.InvalidPublicKeyException;
import dev.backendkatas.diffiehellman.X25519;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kata 07: how many shared secrets per second one thread computes with fixed keys, with the kata's code
 * ({@code impl=kata}: the reference, or your code under {@code ./grade bench 07}) and with BouncyCastle
 * ({@code impl=bouncycastle}), in the same run.
 *
 * <p>Both sides do the same work: the kata's {@code sharedSecret} validates the peer key (range and
 * {@code y^q mod p == 1}) and exponentiates; BouncyCastle builds {@code DHPublicKeyParameters}, whose constructor does
 * the same validation, then runs {@code DHBasicAgreement}. X25519 includes the all-zero check on both sides. The keys
 * are made once, by the kata's code, from a fixed seed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiffieHellmanBenchmark {

    private static final DhGroup GROUP = DhGroup.MODP_2048;

    /** Whose key agreement: {@code kata} (listed first: ./grade bench swaps in your code for it) or BouncyCastle. */
    @Param({"kata", "bouncycastle"})
    public String impl;

    private boolean bouncyCastle;
    private DhKeyPair mine;
    private BigInteger peerPublicKey;
    private DHParameters bcParameters;
    private DHBasicAgreement bcAgreement;

    private byte[] x25519Private;
    private byte[] x25519PeerPublic;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        bouncyCastle = impl.equals("bouncycastle");
        // A fixed seed: every run measures the same keys.
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(7L);
        mine = FiniteFieldDh.generateKeyPair(GROUP, random);
        peerPublicKey = FiniteFieldDh.generateKeyPair(GROUP, random).publicKey();
        bcParameters = new DHParameters(GROUP.p(), GROUP.g(), GROUP.q());
        bcAgreement = new DHBasicAgreement();
        bcAgreement.init(new DHPrivateKeyParameters(mine.privateKey(), bcParameters));

        x25519Private = new byte[32];
        random.nextBytes(x25519Private);
        byte[] peerPrivate = new byte[32];
        random.nextBytes(peerPrivate);
        x25519PeerPublic = X25519.publicKey(peerPrivate);
    }

    /** Validate the peer key (range, y^q = 1) and compute the group-14 secret. */
    @Benchmark
    public Object group14() throws InvalidPublicKeyException {
        if (bouncyCastle) {
            return bcAgreement.calculateAgreement(new DHPublicKeyParameters(peerPublicKey, bcParameters));
        }
        return FiniteFieldDh.sharedSecret(mine, peerPublicKey);
    }

    /** X25519 with the all-zero check: the kata's on BigInteger, BouncyCastle's on fixed-size limbs. */
    @Benchmark
    public byte[] x25519() throws InvalidPublicKeyException {
        if (!bouncyCastle) {
            return X25519.sharedSecret(x25519Private, x25519PeerPublic);
        }
        byte[] secret = new byte[32];
        if (!org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(
                x25519Private, 0, x25519PeerPublic, 0, secret, 0)) {
            throw new IllegalStateException("all-zero X25519 secret");
        }
        return secret;
    }
}
