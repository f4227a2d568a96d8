package dev.backendkatas.grader.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMH's {@code -rf csv} output, as JMH 1.37 writes it, read into scores. */
class JmhCsvTest {

    @Test
    void readsTheCaseTheImplementationTheScoreItsErrorAndTheUnit() {
        String csv = """
                "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: impl"
                "dev.backendkatas.bench.RequestParserBenchmark.largePost","thrpt",1,3,471558.131275,12034.5,"ops/s",kata
                "dev.backendkatas.bench.RequestParserBenchmark.smallGet","thrpt",1,2,30708.2,NaN,"ops/s",netty
                """;

        assertThat(JmhCsv.parse(csv)).containsExactly(
                new BenchScore("largePost", "kata", 471558.131275, 12034.5, "ops/s"),
                new BenchScore("smallGet", "netty", 30708.2, Double.NaN, "ops/s"));
    }

    @Test
    void aResultWithoutTheImplParameterIsRefusedWithTheColumnsItHas() {
        String csv = """
                "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
                "dev.backendkatas.bench.X.y","thrpt",1,3,1.0,0.1,"ops/s"
                """;

        assertThatThrownBy(() -> JmhCsv.parse(csv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column \"Param: impl\"");
    }

    @Test
    void quotedFieldsMayHoldCommasAndDoubledQuotes() {
        assertThat(JmhCsv.fields("\"a,b\",\"say \"\"hi\"\"\",3")).containsExactly("a,b", "say \"hi\"", "3");
    }
}
