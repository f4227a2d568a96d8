package dev.backendkatas.connectionpool;

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

/** Stage 7 of kata 05: no pooling library in the main code; the README section of the same name teaches it. */
@Order(7)
@DisplayName("Stage 7 — No pooling library")
// ArchUnit's class import can take longer than the default 10 s on a busy machine; a learner's hang still ends here.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Stage7NoPoolingLibraryTest extends PoolSandbox {

    @Test
    @Order(1)
    @DisplayName("lends and takes back connections with no pooling library in the kata's main code")
    void usesNoPoolingLibrary() throws Exception {
        start(PoolConfig.ofMaxSize(1));
        FakeConnection connection = pool.borrow();
        pool.release(connection);
        assertThat(pool.borrow()).as("the pool must work before this rule means anything").isSameAs(connection);

        JavaClasses mainCode = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.backendkatas.connectionpool");
        ArchRule noPoolingLibrary = ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.zaxxer.hikari..", "org.apache.commons.pool..", "org.apache.commons.pool2..",
                        "com.mchange..", "org.apache.commons.dbcp..", "org.apache.commons.dbcp2..",
                        "org.apache.tomcat.jdbc.pool..", "org.vibur..", "org.h2..", "io.agroal..",
                        "oracle.ucp..", "javax.sql.rowset..")
                .because("this kata is about building the pool: a library would do the lesson for you "
                        + "(H2's own JdbcConnectionPool included)");

        assertThat(mainCode).as("main classes found by ArchUnit").isNotEmpty();
        noPoolingLibrary.check(mainCode);
    }
}
