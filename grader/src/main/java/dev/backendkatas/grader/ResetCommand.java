package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.reset.KataReset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./grade reset <kata> | --all}: the pristine stub back, the learner's code kept in a backup. */
@Command(name = "reset",
        mixinStandardHelpOptions = true,
        header = "Start a kata over: your src/main/java goes to a backup folder, the pristine stub comes back.",
        description = "Moves your katas/<kata>/src/main/java to .grade/backups/<timestamp>/<kata>/src/main/java "
                + "(list them with ./grade backups) and writes the stub from the last git commit. Nothing is deleted. "
                + "Needs git; without it nothing is changed.")
final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @ArgGroup(multiplicity = "1")
    private Target target;

    static final class Target {
        @Parameters(paramLabel = "<kata>", description = "the kata: its number, folder name or a unique prefix")
        String kata;

        @Option(names = "--all", required = true, description = "every kata")
        boolean all;
    }

    @Override
    public Integer call() {
        List<Kata> katas = target.all ? parent.katas() : parent.select(target.kata);
        List<KataReset.Done> done = new KataReset(parent.repo(), parent.workDir(), Clock.systemDefaultZone()).reset(katas);
        Console console = parent.console();
        for (KataReset.Done d : done) {
            console.out().printf("%s: stub restored (%d files); your code is in %s\n", d.kata().id(), d.restoredFiles(),
                    d.backup());
        }
        // A kata started over starts its hints and its record of completed stages over too.
        var state = parent.state();
        katas.forEach(k -> state.forget(k.id()));
        state.save();
        console.out().print("Your hints for " + (katas.size() == 1 ? "this kata" : "these katas") + " are hidden again. "
                + "List your backups with ./grade backups; bring one back with ./grade restore <kata>\n");
        console.out().flush();
        return 0;
    }
}
