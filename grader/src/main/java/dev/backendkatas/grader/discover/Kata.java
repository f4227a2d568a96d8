package dev.backendkatas.grader.discover;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One kata folder, {@code katas/NN-name}.
 *
 * @param id       the folder name, e.g. {@code 01-request-parsing}
 * @param number   NN: the learning order
 * @param name     the part after the number, e.g. {@code request-parsing}
 * @param dir      {@code <repo>/katas/<id>}
 * @param title    the README's first {@code # } heading (or the name when there is no README yet)
 * @param readme   {@code <dir>/README.md}; may not exist yet
 * @param sections the README's stage headings, in file order
 */
public record Kata(String id, int number, String name, Path dir, String title, Path readme,
                   List<ReadmeSection> sections) {

    public Kata {
        sections = List.copyOf(sections);
    }

    /** The reference solution's folder: {@code <repo>/solutions/<id>}. */
    public Path solutionDir() {
        return dir.getParent().getParent().resolve("solutions").resolve(id);
    }

    /** The README heading for stage {@code n}, if the README has one. */
    public Optional<ReadmeSection> section(int stageNumber) {
        return sections.stream().filter(s -> s.stageNumber() == stageNumber).findFirst();
    }
}
