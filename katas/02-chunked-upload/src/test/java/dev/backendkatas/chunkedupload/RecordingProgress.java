package dev.backendkatas.chunkedupload;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A progress listener that records every report as "acknowledged/total". */
final class RecordingProgress implements ProgressListener {
    final List<String> reports = new CopyOnWriteArrayList<>();
    final List<Long> acknowledged = new CopyOnWriteArrayList<>();

    @Override
    public void onProgress(long acknowledgedBytes, long total) {
        reports.add(acknowledgedBytes + "/" + total);
        acknowledged.add(acknowledgedBytes);
    }
}
