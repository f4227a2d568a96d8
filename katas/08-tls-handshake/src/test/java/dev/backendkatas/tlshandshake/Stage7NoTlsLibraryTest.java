package dev.backendkatas.tlshandshake;

import static dev.backendkatas.tlshandshake.TestHelpers.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stage 7 of kata 08: no TLS library in the main code; the README section of the same name teaches it. */
@Order(7)
// ArchUnit reads every class file of the package: seconds on a busy machine (more than 10 s was seen), so this stage
// gets a bound of its own. A learner's hang still ends here; a slow machine does not fail the rule.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Stage 7 — No TLS library")
class Stage7NoTlsLibraryTest {

    @Test
    @Order(1)
    @DisplayName("works, with no javax.net.ssl, no JDK-internal TLS, no BouncyCastle or other TLS library in main code")
    void usesNoTlsLibrary() {
        assertThat(hex(new KeySchedule().earlySecret())).as("stage 3 must work before this rule means anything")
                .isEqualTo(Rfc8448.EARLY_SECRET);

        JavaClasses mainCode = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.backendkatas.tlshandshake");
        assertThat(mainCode).as("main classes found by ArchUnit").isNotEmpty();

        ArchRule noTlsLibrary = ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAnyPackage("javax.net.ssl..", "sun.security..",
                        "com.sun.net.ssl..", "jdk.internal..", "org.bouncycastle..", "org.conscrypt..",
                        "io.netty..", "org.wildfly.openssl..", "okhttp3..", "org.apache.http..", "com.sun.crypto..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.crypto.KDF")
                .orShould().dependOnClassesThat().haveNameMatching("javax\\.crypto\\.spec\\.HKDF.*")
                .because("this kata is the TLS handshake done by hand on JDK primitives (Cipher, Mac, MessageDigest, "
                        + "KeyAgreement): a TLS library would do the lesson");
        noTlsLibrary.check(mainCode);
    }
}
