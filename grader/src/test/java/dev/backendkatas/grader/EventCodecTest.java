package dev.backendkatas.grader;

import dev.backendkatas.grader.run.EventCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventCodecTest {

    @Test
    void roundTripsFieldsWithSeparatorsLineBreaksAndBackslashes() {
        List<String> fields = List.of("finished", "[engine:x]/[method:a()]", "FAILED",
                "expected: \"a\\tb\"\r\nbut was:\t<c>\\n", "", "Stage 1 — Ünïcode ✔");
        String line = EventCodec.encode(fields);
        assertThat(line).doesNotContain("\n", "\r");
        assertThat(line.split("\t", -1)).hasSize(fields.size());
        assertThat(EventCodec.decode(line)).isEqualTo(fields);
    }
}
