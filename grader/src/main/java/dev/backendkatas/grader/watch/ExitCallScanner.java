package dev.backendkatas.grader.watch;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds compiled code that calls {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}. Since JDK 17 such a
 * call cannot be stopped inside a running JVM (the security manager is deprecated), and in watch mode's in-process run
 * it would end watch mode itself; code that has one is run in the forked runner instead, which reports it.
 *
 * <p>Reads each class file's constant pool for a method reference with that owner and name. It sees direct calls
 * only; a call made through reflection or a method handle is not caught (JVMS §4.4).
 */
public final class ExitCallScanner {

    private ExitCallScanner() {
    }

    /** The first class below {@code classes} that calls one of the exit methods, as {@code a.b.C calls System.exit}. */
    public static Optional<String> firstExitCall(Path classes) {
        if (!Files.isDirectory(classes)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".class")).sorted()::iterator) {
                Optional<String> call = exitCall(Files.readAllBytes(file));
                if (call.isPresent()) {
                    String name = classes.relativize(file).toString().replace('\\', '/');
                    return Optional.of(name.substring(0, name.length() - ".class".length()).replace('/', '.')
                            + " calls " + call.get());
                }
            }
        } catch (IOException e) {
            // Unreadable: assume the worst, the forked runner is always safe.
            return Optional.of("(could not read the compiled classes: " + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    static Optional<String> exitCall(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            return Optional.empty();
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[] nameAndTypeNameIndex = new int[count];
        List<int[]> methodRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // 8-byte constants take two slots
                }
                case 9, 10, 11 -> {
                    int owner = in.readUnsignedShort();
                    int nameAndType = in.readUnsignedShort();
                    if (tag != 9) {
                        methodRefs.add(new int[] {owner, nameAndType});
                    }
                }
                case 12 -> {
                    nameAndTypeNameIndex[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> in.readInt();
                default -> {
                    // An unknown tag from a future class-file version: assume the worst.
                    return Optional.of("(an unreadable class file)");
                }
            }
        }
        for (int[] ref : methodRefs) {
            String owner = utf8[classNameIndex[ref[0]]];
            String name = utf8[nameAndTypeNameIndex[ref[1]]];
            if ("java/lang/System".equals(owner) && "exit".equals(name)) {
                return Optional.of("System.exit");
            }
            if ("java/lang/Runtime".equals(owner) && ("exit".equals(name) || "halt".equals(name))) {
                return Optional.of("Runtime." + name);
            }
        }
        return Optional.empty();
    }
}
