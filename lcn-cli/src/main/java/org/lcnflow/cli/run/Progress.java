package org.lcnflow.cli.run;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a long run's progress: a progress bar (time reached of {@code tMax}, loss, gradient norm) on a
 * terminal, a log line every few seconds otherwise, nothing when quiet. Checks the clock at most every
 * 64 steps, so it costs nothing per step.
 */
public final class Progress implements FlowObserver {

    private static final Logger LOG = LoggerFactory.getLogger("lcn");
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final long BAR_EVERY_NANOS = 200_000_000L;

    private final String task;
    private final double tMax;
    private final boolean bar;
    private ProgressBar progressBar;
    private long steps;
    private long lastUpdate;

    private Progress(String task, double tMax, boolean bar) {
        this.task = task;
        this.tMax = tMax;
        this.bar = bar;
    }

    public static FlowObserver of(String task, double tMax, boolean quiet) {
        return quiet ? FlowObserver.NONE : new Progress(task, tMax, System.console() != null);
    }

    @Override
    public void onStart(double t0, double[] w0, double value, double[] gradient) {
        lastUpdate = System.nanoTime();
        if (bar) {
            progressBar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1000)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build();
        }
    }

    @Override
    public void onResume(org.lcnflow.api.IntegratorState state) {
        onStart(state.time(), state.parameters(), state.value(), state.gradient());
    }

    @Override
    public boolean onStep(double t, double[] w, double value, double[] gradient) {
        if ((++steps & 63) != 0) {
            return true;
        }
        long now = System.nanoTime();
        if (now - lastUpdate < (bar ? BAR_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return true;
        }
        lastUpdate = now;
        double norm = org.lcnflow.api.VectorNorms.euclidean(gradient);
        if (progressBar != null) {
            progressBar.stepTo(Double.isFinite(tMax) ? Math.round(1000 * Math.min(1, t / tMax)) : 0);
            progressBar.setExtraMessage(String.format(Locale.ROOT, " t=%.4g loss=%.6g |grad|=%.3e", t, value, norm));
        } else {
            LOG.info(String.format(Locale.ROOT, "%s: t = %.6g of %.6g, %d steps, loss = %.10g, gradient norm = %.3e",
                    task, t, tMax, steps, value, norm));
        }
        return true;
    }

    @Override
    public void onFinish(FlowResult result) {
        if (progressBar != null) {
            progressBar.stepTo(1000);
            progressBar.close();
            progressBar = null;
        }
    }
}
