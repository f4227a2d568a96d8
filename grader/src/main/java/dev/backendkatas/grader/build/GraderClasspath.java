package dev.backendkatas.grader.build;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The grader JVM's own classpath: the kata toolset, the JUnit Platform launcher and the grader. Katas compile and run
 * against exactly this, so IDE, Maven and grader runs see the same libraries.
 */
public final class GraderClasspath {

    private GraderClasspath() {
    }

    /**
     * The entries of {@code java.class.path}, with the {@code Class-Path} of "manifest-only" jars expanded: test
     * runners and IDEs shorten long classpaths that way, and javac does not read such manifests on its own.
     */
    public static List<Path> entries() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        return List.copyOf(entries);
    }

    private static void add(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        for (Path referenced : manifestClassPath(entry)) {
            add(referenced, entries);
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> referenced = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return referenced;
            }
            URI base = jar.getParent().toUri();
            for (String item : classPath.trim().split("\\s+")) {
                // Class-Path items are URLs, relative to the jar's folder unless absolute (file:/...).
                URI resolved = base.resolve(new URI(item));
                if ("file".equals(resolved.getScheme())) {
                    referenced.add(Path.of(resolved).normalize());
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // An unreadable manifest adds nothing; the jar itself stays on the classpath.
        }
        return referenced;
    }

    /** The entries joined with the platform's separator. */
    public static String join(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
