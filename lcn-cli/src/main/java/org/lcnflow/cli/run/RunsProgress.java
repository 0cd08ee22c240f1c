package org.lcnflow.cli.run;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.sweep.Landscape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how many of many runs are done, in the style of {@link Progress}: a progress bar with the verdicts so
 * far on a terminal, a log line every few seconds otherwise, nothing when quiet. Called on one thread.
 */
public final class RunsProgress implements Landscape.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("lcn");
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final String task;
    private final int total;
    private final boolean quiet;
    private final Map<EndPoint.Verdict, Integer> counts = new EnumMap<>(EndPoint.Verdict.class);
    private ProgressBar bar;
    private long lastLog = System.nanoTime();

    private RunsProgress(String task, int total, boolean quiet, boolean terminal) {
        this.task = task;
        this.total = total;
        this.quiet = quiet;
        if (!quiet && terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).continuousUpdate().build();
        }
    }

    public static RunsProgress of(String task, int total, boolean quiet) {
        return new RunsProgress(task, total, quiet, System.console() != null);
    }

    @Override
    public void finished(int done, Landscape.Row row) {
        counts.merge(row.verdict(), 1, Integer::sum);
        if (quiet) {
            return;
        }
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(" " + summary());
            return;
        }
        long now = System.nanoTime();
        if (now - lastLog >= LOG_EVERY_NANOS || done == total) {
            lastLog = now;
            LOG.info(String.format(Locale.ROOT, "%s: %d of %d runs done (%s)", task, done, total, summary()));
        }
    }

    private String summary() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<EndPoint.Verdict, Integer> e : counts.entrySet()) {
            s.append(s.length() == 0 ? "" : ", ").append(e.getKey().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(e.getValue());
        }
        return s.toString();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
