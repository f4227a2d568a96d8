package dev.backendkatas.requestparsing;

import static dev.backendkatas.requestparsing.Requests.HOST;
import static dev.backendkatas.requestparsing.Requests.parseOne;
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

/** Stage 7 of kata 01: no HTTP library in the main code; the README section of the same name teaches it. */
@Order(7)
@DisplayName("Stage 7 — No HTTP library")
class Stage7NoHttpLibraryTest {

    // ArchUnit reads every class file of the package: seconds on a busy machine, so this test gets a bound of its own
    // (a learner's hang still ends here; a slow machine does not fail the rule).
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @Test
    @Order(1)
    @DisplayName("parses and serves with no HTTP library in the kata's main code")
    void usesNoHttpLibrary() throws Exception {
        assertThat(parseOne("GET / HTTP/1.1\r\n" + HOST + "\r\n").method())
                .as("the parser must work before this rule means anything").isEqualTo("GET");
        try (BlockingHttpServer server = new BlockingHttpServer(request -> HttpResponse.text(200, "ok"))) {
            int port = server.start();
            try (RawClient client = new RawClient(port)) {
                assertThat(client.send("GET / HTTP/1.1\r\n" + HOST + "\r\n").readResponse().status()).isEqualTo(200);
            }
        }

        JavaClasses mainCode = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.backendkatas.requestparsing");
        ArchRule noHttpLibrary = ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.sun.net.httpserver..", "java.net.http..", "okhttp3..", "mockwebserver3..",
                        "org.apache.hc..", "org.apache.http..", "io.netty..", "org.eclipse.jetty..",
                        "io.undertow..", "jakarta.servlet..", "javax.servlet..", "io.vertx..")
                .because("this kata is about parsing HTTP yourself: a library would do the lesson for you");

        assertThat(mainCode).as("main classes found by ArchUnit").isNotEmpty();
        noHttpLibrary.check(mainCode);
    }
}
