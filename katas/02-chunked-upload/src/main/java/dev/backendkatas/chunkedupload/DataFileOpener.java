package dev.backendkatas.chunkedupload;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens an upload's data file ({@link UploadServerConfig#dataFile}). The server opens every data file through this
 * seam, so a test can hand it a channel that fails in the middle of a write, the way a full or dying disk does.
 *
 * <p>Given to you: it is not the lesson. Open data files only through it.
 */
@FunctionalInterface
public interface DataFileOpener {

    /** The real file system: {@link FileChannel#open(Path, OpenOption...)}. */
    DataFileOpener FILE_SYSTEM = FileChannel::open;

    /**
     * Opens {@code dataFile} with the given options, as {@link FileChannel#open(Path, OpenOption...)} does.
     *
     * @throws IOException if the file cannot be opened
     */
    FileChannel open(Path dataFile, OpenOption... options) throws IOException;
}
