package dev.backendkatas.grader;

import dev.backendkatas.grader.report.JsonWriter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriterTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonWriter.write("a\"b\\c\nd\te\u0001f ✔")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f ✔\"\n");
    }

    @Test
    void writesNestedObjectsAndArraysInInsertionOrder() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("z", 1);
        root.put("a", Arrays.asList(true, null, "x"));
        root.put("empty", List.of());
        root.put("nested", Map.of("k", "v"));
        assertThat(JsonWriter.write(root)).isEqualTo("""
                {
                  "z": 1,
                  "a": [
                    true,
                    null,
                    "x"
                  ],
                  "empty": [],
                  "nested": {
                    "k": "v"
                  }
                }
                """);
    }
}
