package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.discover.KataDiscovery;
import dev.backendkatas.grader.discover.ReadmeSection;
import dev.backendkatas.grader.discover.StagePlan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of every real kata's graded tests, checked so that no contributor has to remember it: one top-level test
 * class per stage ({@code StageN…Test}, {@code @Order(N)}, {@code @DisplayName("Stage N — Title")}, the README heading of
 * the same name), stages numbered 1, 2, 3…, and every test method ordered by {@code @Order} in the order it is written,
 * so the tests run, and the grader reports the first failure, in the order the stage teaches (plain case first).
 */
class GradedTestLayoutTest {

    private static final Pattern TEST_ANNOTATION = Pattern.compile("@(Test|ParameterizedTest|TestFactory|RepeatedTest)\\b");
    private static final Pattern ORDER = Pattern.compile("@Order\\((\\d+)\\)");
    /** A run of annotations (arguments nested up to two deep), then a method's declaration up to its name. */
    private static final Pattern ANNOTATED_METHOD = Pattern.compile(
            "((?:@[\\w.]+(?:\\((?:[^()]|\\((?:[^()]|\\([^()]*\\))*\\))*\\))?\\s*)+)"
                    + "(?:(?:public|protected|private|static|final)\\s+)*(?:<[^>]*>\\s*)?[\\w<>\\[\\],.?]+(?:\\s*<[^()]*?>)?\\s+(\\w+)\\s*\\(");
    private static final Pattern STAGE_FILE = Pattern.compile("Stage(\\d+)\\w*Test\\.java");

    private final Path repo = Fixtures.realRepo();

    @TestFactory
    Stream<DynamicTest> everyKataHasOneTestClassPerStageNamedAsItsReadmeSection() {
        return KataDiscovery.discover(repo).stream().map(kata -> DynamicTest.dynamicTest(kata.id(), () -> {
            List<StagePlan.Stage> stages = StagePlan.of(kata);
            assertThat(stages).as("%s declares its stages", kata.id()).isNotEmpty();
            assertThat(stages).extracting(StagePlan.Stage::number).as("%s: stages are numbered 1, 2, 3…", kata.id())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, stages.size()).boxed().toList());
            for (StagePlan.Stage stage : stages) {
                String file = stage.file().getFileName().toString();
                Matcher name = STAGE_FILE.matcher(file);
                assertThat(name.matches()).as("%s: the class of '%s' is named Stage%d…Test", kata.id(), stage.name(),
                        stage.number()).isTrue();
                assertThat(Integer.parseInt(name.group(1))).as(file).isEqualTo(stage.number());
                String source = Files.readString(stage.file(), StandardCharsets.UTF_8);
                assertThat(source).as("%s: one stage per file, no @Nested stages", file).doesNotContain("@Nested");
                String header = source.substring(0, source.indexOf("@DisplayName(\"" + stage.name()));
                assertThat(header.substring(header.lastIndexOf('}') + 1)).as("%s: the class carries @Order(%d)", file,
                        stage.number()).contains("@Order(" + stage.number() + ")");
                assertThat(kata.sections()).extracting(ReadmeSection::heading)
                        .as("%s: the README has the heading '## %s'", kata.id(), stage.name()).contains(stage.name());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyTestMethodIsOrderedAsItIsWritten() throws IOException {
        List<DynamicTest> checks = new ArrayList<>();
        for (Kata kata : KataDiscovery.discover(repo)) {
            for (StagePlan.Stage stage : StagePlan.of(kata)) {
                checks.add(DynamicTest.dynamicTest(repo.relativize(stage.file()).toString(),
                        () -> assertOrderedAsWritten(stage.file())));
            }
        }
        return checks.stream();
    }

    @org.junit.jupiter.api.Test
    void theOrderCheckCatchesATestOutOfOrderOrWithoutOrderAndIsNotFooledByStrings(
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("Stage1ExampleTest.java");
        String inOrder = """
                class Stage1ExampleTest {
                    @Test
                    @Order(1)
                    @DisplayName("plain case (first)")
                    void plain() {
                        String s = "@Order(9) void fake() {";
                    }

                    @ParameterizedTest(name = "{0}")
                    @CsvSource({"a, (", "b, )"})
                    @Order(2)
                    void rule(String a, String b) {
                    }

                    static Stream<String> cases() {
                        return Stream.of("x");
                    }
                }
                """;
        Files.writeString(file, inOrder);
        assertOrderedAsWritten(file);

        Files.writeString(file, inOrder.replace("@Order(2)", "@Order(1)"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertOrderedAsWritten(file))
                .hasMessageContaining("@Order of rule() is greater than the one of the test written before it (1)");

        Files.writeString(file, inOrder.replace("@Order(2)", ""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertOrderedAsWritten(file))
                .hasMessageContaining("test method rule() has an @Order");
    }

    private static void assertOrderedAsWritten(Path file) throws IOException {
        String code = withoutLiteralsAndComments(Files.readString(file, StandardCharsets.UTF_8));
        Matcher method = ANNOTATED_METHOD.matcher(code);
        int previous = 0;
        int tests = 0;
        while (method.find()) {
            String annotations = method.group(1);
            if (!TEST_ANNOTATION.matcher(annotations).find()) {
                continue;
            }
            tests++;
            Matcher order = ORDER.matcher(annotations);
            assertThat(order.find()).as("%s: test method %s() has an @Order", file.getFileName(), method.group(2)).isTrue();
            int value = Integer.parseInt(order.group(1));
            assertThat(value).as("%s: @Order of %s() is greater than the one of the test written before it (%d)",
                    file.getFileName(), method.group(2), previous).isGreaterThan(previous);
            previous = value;
        }
        assertThat(tests).as("%s has test methods", file.getFileName()).isPositive();
    }

    /** The code with text blocks, strings, chars and comments emptied, so parentheses inside them cannot mislead. */
    static String withoutLiteralsAndComments(String source) {
        return source.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
                .replaceAll("'(?:\\\\.|[^'\\\\])'", "' '")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")
                .replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("//[^\\n]*", "");
    }
}
