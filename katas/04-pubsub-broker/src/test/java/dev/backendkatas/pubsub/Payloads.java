package dev.backendkatas.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Payloads as the stage tests write and read them: UTF-8 text, numbered runs ("j1" … "j50"), and the
 * "p&lt;publisher&gt;:&lt;seq&gt;" messages of {@link BrokerFixture#publishConcurrently}, checked for
 * per-publisher order.
 */
final class Payloads {

    private Payloads() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> payloadsOf(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::payloadText).collect(Collectors.toList());
    }

    static List<String> numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).collect(Collectors.toList());
    }

    /** The sequence numbers each publisher's messages arrived in, by publisher: "p1:7" is publisher 1, seq 7. */
    private static Map<Integer, List<Integer>> sequencesByPublisher(List<Delivery> deliveries) {
        Map<Integer, List<Integer>> sequences = new HashMap<>();
        for (Delivery delivery : deliveries) {
            String[] parts = delivery.payloadText().substring(1).split(":");
            sequences.computeIfAbsent(Integer.parseInt(parts[0]), p -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        return sequences;
    }

    static void assertInPublisherOrder(List<Delivery> deliveries, String who) {
        sequencesByPublisher(deliveries).forEach((publisher, seqs) -> {
            List<Integer> sorted = new ArrayList<>(seqs);
            Collections.sort(sorted);
            assertThat(seqs).as("%s: sequence numbers of publisher %d in arrival order (must be increasing)", who,
                    publisher).isEqualTo(sorted);
        });
    }
}
