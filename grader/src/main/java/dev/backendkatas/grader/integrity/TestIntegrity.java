package dev.backendkatas.grader.integrity;

import dev.backendkatas.grader.discover.Kata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Whether one kata's graded tests are the pristine ones. A score counts only when they are: a learner who edits,
 * deletes, adds or disables a test sees "tests modified" with the files, and that kata is left out of the totals.
 *
 * @param status   {@link Status}
 * @param modified repository-relative paths whose content differs from the manifest
 * @param deleted  paths in the manifest that are gone
 * @param added    test files the manifest does not know
 */
public record TestIntegrity(Status status, List<String> modified, List<String> deleted, List<String> added) {

    public enum Status {
        /** Every test file is the pristine one. */
        INTACT,
        /** A test file was changed, deleted or added: the score does not count. */
        MODIFIED,
        /** The manifest has no entry for this kata (a kata being written): nothing to compare with. */
        UNVERIFIED
    }

    public static final TestIntegrity UNKNOWN = new TestIntegrity(Status.UNVERIFIED, List.of(), List.of(), List.of());

    public TestIntegrity {
        modified = List.copyOf(modified);
        deleted = List.copyOf(deleted);
        added = List.copyOf(added);
    }

    public static TestIntegrity check(TestManifest manifest, Path repo, Kata kata) {
        SortedMap<String, String> pristine = manifest.tests(kata.id());
        if (pristine.isEmpty()) {
            return UNKNOWN;
        }
        SortedMap<String, String> now = TestManifest.testFiles(repo, kata);
        List<String> modified = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, String> e : pristine.entrySet()) {
            String current = now.get(e.getKey());
            if (current == null) {
                deleted.add(e.getKey());
            } else if (!current.equals(e.getValue())) {
                modified.add(e.getKey());
            }
        }
        for (String path : now.keySet()) {
            if (!pristine.containsKey(path)) {
                added.add(path);
            }
        }
        Status status = modified.isEmpty() && deleted.isEmpty() && added.isEmpty() ? Status.INTACT : Status.MODIFIED;
        return new TestIntegrity(status, modified, deleted, added);
    }

    /** The score counts: the tests are pristine, or there is nothing to compare them with. */
    public boolean counted() {
        return status != Status.MODIFIED;
    }

    /** {@code modified: path}, {@code deleted: path}, {@code added: path}, one per changed file. */
    public List<String> changes() {
        List<String> lines = new ArrayList<>();
        modified.forEach(p -> lines.add("modified: " + p));
        deleted.forEach(p -> lines.add("deleted:  " + p));
        added.forEach(p -> lines.add("added:    " + p));
        return lines;
    }
}
