package dev.chainrule.examples;

import dev.chainrule.nn.train.BatchProgress;
import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.TrainingListener;
import java.util.Locale;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training as it goes: a progress bar (on standard error, with the latest loss and accuracy) when the
 * program runs in a terminal, one line every few epochs when its output goes to a file or pipe (a bar would
 * garble it), and nothing with {@code --quiet}.
 */
final class Progress implements TrainingListener, AutoCloseable {
    private final String task;
    private final int epochs;
    private final ExampleOptions options;
    private final boolean bar;
    private final boolean epochLines;
    private ProgressBar progressBar;
    private String lastEpoch = "";
    private Function<EpochResult, String> note = result -> "";

    Progress(String task, int epochs, ExampleOptions options) {
        this(task, epochs, options, true);
    }

    /** With {@code epochLines} false, output that is not a terminal gets nothing, not even epoch lines. */
    Progress(String task, int epochs, ExampleOptions options, boolean epochLines) {
        this.epochLines = epochLines;
        this.task = task;
        this.epochs = epochs;
        this.options = options;
        this.bar = !options.quiet() && System.console() != null && options.console() == System.out;
    }

    /**
     * This progress, ending each printed epoch line with {@code note}'s text for that epoch, e.g.
     * {@code " (41.2 s, 1,456 images/s)"}. A listener registered before this one has seen the epoch by then.
     */
    Progress withEpochNote(Function<EpochResult, String> note) {
        this.note = note;
        return this;
    }

    @Override
    public void onBatchEnd(BatchProgress progress) {
        if (!bar) return;
        if (progressBar == null) {
            progressBar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax((long) epochs * progress.batches())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err, 110))
                    .setUpdateIntervalMillis(200)
                    .build();
        }
        progressBar.step();
        progressBar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f%s", progress.epoch(), epochs,
                progress.loss(), lastEpoch));
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        double accuracy = result.hasValidation() ? result.validationAccuracy() : result.trainAccuracy();
        lastEpoch = Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, " acc %.1f%%", 100 * accuracy);
        if (options.quiet() || bar || !epochLines) return;
        int every = Math.max(1, epochs / 10);
        if (result.epoch() % every == 0 || result.epoch() == epochs || result.epoch() == 1) {
            options.console().println("  " + result + note.apply(result));
        }
    }

    @Override
    public void close() {
        if (progressBar != null) progressBar.close();
        progressBar = null;
    }
}
