package dev.backendkatas.grader;

import dev.backendkatas.grader.discover.Kata;
import dev.backendkatas.grader.reset.BackupList;
import dev.backendkatas.grader.reset.KataReset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./grade restore <kata> [--from STAMP]}: the code a reset put aside, back in the kata. */
@Command(name = "restore",
        mixinStandardHelpOptions = true,
        header = "Bring back the code a reset put aside: the newest backup of the kata, or the one --from names.",
        description = "Copies a backup (see ./grade backups) into katas/<kata>/src/main/java. The code there now is "
                + "backed up first, so a restore loses nothing either, and the restored backup stays in place.")
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @Parameters(paramLabel = "<kata>", description = "the kata: its number, folder name or a unique prefix")
    private String kata;

    @Option(names = "--from", paramLabel = "STAMP", description = "the backup's time stamp, as ./grade backups lists it")
    private String from;

    @Override
    public Integer call() {
        Kata selected = parent.select(kata).get(0);
        List<BackupList.Backup> candidates = BackupList.of(parent.workDir()).stream()
                .filter(b -> b.kata().equals(selected.id()))
                .filter(b -> from == null || b.stamp().equals(from))
                .toList();
        if (candidates.isEmpty()) {
            throw new GraderException(from == null
                    ? "no backup of " + selected.id() + " yet: ./grade reset makes one (./grade backups lists them)"
                    : "no backup of " + selected.id() + " at " + from + " (./grade backups lists them)");
        }
        // BackupList is newest first.
        BackupList.Backup backup = candidates.get(0);
        KataReset.Done done = new KataReset(parent.repo(), parent.workDir(), Clock.systemDefaultZone())
                .restore(selected, backup.sources());
        Console console = parent.console();
        console.out().printf("%s: your code of %s is back (%d files); the code it replaced is in %s\n", selected.id(),
                backup.stamp(), done.restoredFiles(), done.backup());
        console.out().flush();
        return 0;
    }
}
