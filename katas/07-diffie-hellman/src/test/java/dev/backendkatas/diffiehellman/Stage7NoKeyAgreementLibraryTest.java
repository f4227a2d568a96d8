package dev.backendkatas.diffiehellman;

import static dev.backendkatas.diffiehellman.Oracles.hex;
import static dev.backendkatas.diffiehellman.Rfc7748AliceAndBob.ALICE_PRIVATE;
import static dev.backendkatas.diffiehellman.Rfc7748AliceAndBob.BOB_PUBLIC;
import static dev.backendkatas.diffiehellman.Rfc7748AliceAndBob.SHARED;
import static dev.backendkatas.diffiehellman.TestHelpers.big;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stage 7 of kata 07: no key-agreement library in the main code; the README section of the same name teaches it. */
@Order(7)
@DisplayName("Stage 7 — No key-agreement library")
class Stage7NoKeyAgreementLibraryTest {

    // ArchUnit reads every class file of the package: seconds on a busy machine, so this test gets a bound of its own
    // (a learner's hang still ends here; a slow machine does not fail the rule).
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @Test
    @Order(1)
    @DisplayName("works, with no KeyAgreement, BouncyCastle, JDK DH/XEC key classes, or modPow in ModularExponentiation")
    void usesNoKeyAgreementLibrary() throws Exception {
        assertThat(ModularExponentiation.modPow(big(2), big(10), big(1000)))
                .as("stage 1 must work before this rule means anything").isEqualTo(big(24));
        assertThat(hex(X25519.sharedSecret(Oracles.hex(ALICE_PRIVATE), Oracles.hex(BOB_PUBLIC))))
                .as("stage 5 must work before this rule means anything").isEqualTo(SHARED);

        JavaClasses mainCode = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.backendkatas.diffiehellman");
        assertThat(mainCode).as("main classes found by ArchUnit").isNotEmpty();

        ArchRule noAgreementLibrary = ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.bouncycastle..", "sun.security..", "com.sun.crypto..", "javax.crypto.interfaces..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.crypto.KeyAgreement")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.crypto.KDF")
                .orShould().dependOnClassesThat().haveNameMatching("javax\\.crypto\\.spec\\.(DH|HKDF).*")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.security\\.(interfaces|spec)\\.XEC.*")
                .because("this kata is about doing the key agreement yourself: a library would do the lesson");
        ArchRule noModPow = ArchRuleDefinition.noClasses()
                .that().haveSimpleName("ModularExponentiation")
                .should().callMethod(BigInteger.class, "modPow", BigInteger.class, BigInteger.class)
                .because("stage 1 is square-and-multiply by hand");

        noAgreementLibrary.check(mainCode);
        noModPow.check(mainCode);
    }
}
