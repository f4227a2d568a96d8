package dev.backendkatas.grader.integrity;

import dev.backendkatas.grader.discover.Kata;

import java.nio.file.Path;
import java.util.SortedMap;

/** Whether a kata's code is still the pristine stub, by the manifest: then there is nothing to build or run yet. */
public final class StubCheck {

    private StubCheck() {
    }

    /**
     * True when every file of {@code src/main} has the stub's content and none was added or deleted. False when the
     * manifest does not know the kata's stub (a kata being written): then it must be graded to know.
     */
    public static boolean untouched(TestManifest manifest, Path repo, Kata kata) {
        SortedMap<String, String> pristine = manifest.stub(kata.id());
        return !pristine.isEmpty() && pristine.equals(TestManifest.stubFiles(repo, kata));
    }
}
