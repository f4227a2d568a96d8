package dev.backendkatas.grader;

import dev.backendkatas.grader.report.Style;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Entry point of {@code ./grade}. Exit codes: see {@link GradeCommand}. */
public final class Main {

    static final int GRADER_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        Charset charset = stdoutCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset));
        int code = run(args, new Console(out, err, Style.detect(charset)));
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns its exit code; never calls System.exit (tests call this). */
    public static int run(String[] args, Console console) {
        CommandLine commandLine = new CommandLine(new GradeCommand(console));
        commandLine.setOut(console.out());
        commandLine.setErr(console.err());
        commandLine.setExitCodeExceptionMapper(e -> GRADER_ERROR);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            if (e instanceof GraderException) {
                console.err().println("grade: " + e.getMessage());
            } else {
                console.err().println("grade: internal error, please report it: " + e);
                e.printStackTrace(console.err());
            }
            console.err().flush();
            return GRADER_ERROR;
        });
        int code = commandLine.execute(args);
        console.out().flush();
        console.err().flush();
        return code;
    }

    /** The encoding the terminal expects (JDK 19+ reports it as stdout.encoding; before, the platform's). */
    private static Charset stdoutCharset() {
        for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding", "native.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }
}
