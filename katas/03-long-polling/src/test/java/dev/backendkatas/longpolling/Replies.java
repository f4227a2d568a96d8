package dev.backendkatas.longpolling;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A reply that records every batch it is given: a held poll must be given exactly one. */
final class Replies implements Consumer<Batch> {

    private final List<Batch> batches = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Batch batch) {
        batches.add(batch);
    }

    List<Batch> batches() {
        return List.copyOf(batches);
    }

    int count() {
        return batches.size();
    }
}
