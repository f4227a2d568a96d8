package dev.backendkatas.bench;

import dev.backendkatas.diffiehellman.DhGroup;
import dev.backendkatas.diffiehellman.DhKeyPair;
import dev.backendkatas.diffiehellman.FiniteFieldDh;
import dev.backendkatas.diffiehellman.InvalidPublicKeyException;
import dev.backendkatas.diffiehellman.ModularExponentiation;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of kata 07's reference key agreement against BouncyCastle, in the same run: how many shared secrets per
 * second one thread computes with fixed keys.
 *
 * <p>The finite-field operations do the same work on both sides: the reference's {@code sharedSecret} validates the
 * peer key (range and {@code y^q mod p == 1}) and exponentiates; the BouncyCastle side builds
 * {@code DHPublicKeyParameters}, whose constructor does the same validation, then runs {@code DHBasicAgreement}.
 * {@code group14ReferenceModPowOnly} isolates one 2047-bit exponentiation of the reference's square-and-multiply.
 * The X25519 operations include the all-zero check on both sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiffieHellmanBenchmark {

    private static final DhGroup GROUP = DhGroup.MODP_2048;

    private DhKeyPair mine;
    private BigInteger peerPublicKey;
    private DHParameters bcParameters;
    private DHBasicAgreement bcAgreement;

    private byte[] x25519Private;
    private byte[] x25519PeerPublic;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
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

    /** Reference: validate the peer key (range, y^q = 1) and compute the padded group-14 secret. */
    @Benchmark
    public byte[] group14Reference() throws InvalidPublicKeyException {
        return FiniteFieldDh.sharedSecret(mine, peerPublicKey);
    }

    /** BouncyCastle: the same validation (in DHPublicKeyParameters) and DHBasicAgreement. */
    @Benchmark
    public BigInteger group14BouncyCastle() {
        return bcAgreement.calculateAgreement(new DHPublicKeyParameters(peerPublicKey, bcParameters));
    }

    /** Reference: one exponentiation with a 2047-bit exponent, no validation. */
    @Benchmark
    public BigInteger group14ReferenceModPowOnly() {
        return ModularExponentiation.modPow(peerPublicKey, mine.privateKey(), GROUP.p());
    }

    /** Reference: X25519 on BigInteger, with the all-zero check. */
    @Benchmark
    public byte[] x25519Reference() throws InvalidPublicKeyException {
        return X25519.sharedSecret(x25519Private, x25519PeerPublic);
    }

    /** BouncyCastle: X25519 on fixed-size limbs, with the all-zero check. */
    @Benchmark
    public byte[] x25519BouncyCastle() {
        byte[] secret = new byte[32];
        if (!org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(
                x25519Private, 0, x25519PeerPublic, 0, secret, 0)) {
            throw new IllegalStateException("all-zero X25519 secret");
        }
        return secret;
    }
}
