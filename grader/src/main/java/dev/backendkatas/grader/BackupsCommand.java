package dev.backendkatas.grader;

import dev.backendkatas.grader.reset.BackupList;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./grade backups}: what {@code ./grade reset} kept, newest first. */
@Command(name = "backups",
        mixinStandardHelpOptions = true,
        header = "The backups ./grade reset made of your code, newest first.",
        description = "Each backup is a copy of a kata's src/main/java as it was just before a reset. Bring one back "
                + "with ./grade restore <kata> [--from STAMP].")
final class BackupsCommand implements Callable<Integer> {

    @ParentCommand
    private GradeCommand parent;

    @Override
    public Integer call() {
        Console console = parent.console();
        List<BackupList.Backup> backups = BackupList.of(parent.workDir());
        if (backups.isEmpty()) {
            console.out().print("No backups yet: ./grade reset <kata> makes one before it restores a stub.\n");
        }
        for (BackupList.Backup b : backups) {
            console.out().printf("%s  %s  %d file(s)  %s\n", b.stamp(), b.kata(), b.files(), b.sources());
        }
        console.out().flush();
        return 0;
    }
}
