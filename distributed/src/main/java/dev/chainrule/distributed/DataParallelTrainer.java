package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains one model on a data set split into blocks, one Spark task per block, in one of two modes.
 *
 * <h2>Synchronous gradient summing (the default)</h2>
 * Each step, in pseudocode:
 * <pre>
 * broadcast the parameters θ (one flat vector in the model's named-parameter order) and the buffers
 * for each block b, in a task:   g_b, L_b, n_b = ∇ Σ loss, Σ loss, rows   over this step's batch of block b
 * on the driver:                 g = (g_0 + g_1 + … + g_{B−1}) / Σ n_b      added in block order
 *                                optimizer.step() with g                    (optimizer state lives on the driver)
 *                                keep the buffers of the first block with rows (block 0 when it has some)
 * </pre>
 * The sum is taken in block-index order on the driver, not with Spark's {@code reduce} (Note [Summing in block order]
 * in {@code StepMath}), and each batch is drawn from (seed, step, block) (Note [Mini-batches from (seed, step, block)]
 * in {@code Sampling}), so the result depends on the data, the number of blocks and the settings, never on the number
 * of executors, the scheduling or retried tasks; {@link #fitLocal} does the same arithmetic without Spark and gives
 * the same bits. A model's buffers (running statistics) travel with the parameters; each task updates its copy
 * from its own batch, and the driver keeps one block's, as Note [Buffers across blocks] in {@code StepMath} says.
 * A step costs one Spark job (about 35 ms in local mode on a 2-core VM, about 90 ms on a standalone cluster on the
 * same VM; see distributed/README.md) plus the largest block's work plus 8 bytes per parameter per block to the
 * driver. Every task reports its executor's matrix kernel; one that differs from the driver's stops the run (or
 * warns: {@link #onKernelMismatch}), since the bits would then differ from {@link #fitLocal}'s.
 *
 * <h2>Parameter averaging ({@link #averageParameters(int)})</h2>
 * Each round, every task takes {@code k} optimizer steps of its own on its block (mean loss of each local batch),
 * starting from the broadcast parameters, buffers and optimizer state; the driver then averages the parameters,
 * the float buffers and the optimizer states of the non-empty blocks (summed in block order, divided by their
 * number), as DL4J's parameter averaging does, and takes the integer buffers from the first of them. One job per {@code k} steps, so it pays when a step is cheap next to a job; the blocks drift apart
 * within a round, so it is an approximation of synchronous SGD, closer the smaller k and the learning rate.
 *
 * <pre>{@code
 * BlockData data = BlockData.fromCsv(sc, "digits.csv.gz", DigitsData.FORMAT, 8);
 * DataParallelTrainer trainer = DataParallelTrainer.of(
 *                 () -> new Sequential(new Linear(64, 100, new Random(1)), new Sigmoid(), new Linear(100, 10, new Random(2))),
 *                 Loss.crossEntropy(), OptimizerFactory.adam(0.01))
 *         .batchSize(16).seed(42).checkpointEvery(50, Path.of("checkpoints"));
 * TrainingResult result = trainer.fit(data, 300);
 * }</pre>
 *
 * <p>Configuration methods return a new trainer.
 */
public final class DataParallelTrainer {
    /**
     * Everything a trainer is configured with; each configuration method returns a trainer with one field changed.
     *
     * @param localSteps   0 for synchronous gradient summing, else the local steps per round of parameter averaging
     * @param driverKernel the kernel the tasks' kernels must match: this JVM's, except in tests
     */
    private record Settings(ModelFactory model, Loss loss, OptimizerFactory optimizer, long seed, int batchSize,
                            int localSteps, Path checkpointDirectory, int checkpointEvery, Path resumeFrom,
                            List<StepListener> listeners, KernelMismatch onKernelMismatch, MatrixKernel driverKernel) {
        Settings {
            listeners = List.copyOf(listeners);
        }

        Settings withSeed(long value) {
            return new Settings(model, loss, optimizer, value, batchSize, localSteps, checkpointDirectory,
                    checkpointEvery, resumeFrom, listeners, onKernelMismatch, driverKernel);
        }

        Settings withBatchSize(int value) {
            return new Settings(model, loss, optimizer, seed, value, localSteps, checkpointDirectory, checkpointEvery,
                    resumeFrom, listeners, onKernelMismatch, driverKernel);
        }

        Settings withLocalSteps(int value) {
            return new Settings(model, loss, optimizer, seed, batchSize, value, checkpointDirectory, checkpointEvery,
                    resumeFrom, listeners, onKernelMismatch, driverKernel);
        }

        Settings withCheckpoints(int every, Path directory) {
            return new Settings(model, loss, optimizer, seed, batchSize, localSteps, directory, every, resumeFrom,
                    listeners, onKernelMismatch, driverKernel);
        }

        Settings withResumeFrom(Path checkpoint) {
            return new Settings(model, loss, optimizer, seed, batchSize, localSteps, checkpointDirectory,
                    checkpointEvery, checkpoint, listeners, onKernelMismatch, driverKernel);
        }

        Settings withListeners(List<StepListener> value) {
            return new Settings(model, loss, optimizer, seed, batchSize, localSteps, checkpointDirectory,
                    checkpointEvery, resumeFrom, value, onKernelMismatch, driverKernel);
        }

        Settings withKernels(KernelMismatch policy, MatrixKernel driver) {
            return new Settings(model, loss, optimizer, seed, batchSize, localSteps, checkpointDirectory,
                    checkpointEvery, resumeFrom, listeners, policy, driver);
        }
    }

    private final Settings settings;

    private DataParallelTrainer(Settings settings) {
        this.settings = settings;
    }

    /**
     * A synchronous trainer of the models {@code model} makes, minimising {@code loss} with the optimizer
     * {@code optimizer} makes; whole blocks per step, seed 0, no checkpoints, failing on a kernel mismatch.
     */
    public static DataParallelTrainer of(ModelFactory model, Loss loss, OptimizerFactory optimizer) {
        Objects.requireNonNull(model, "DataParallelTrainer.of: model");
        Objects.requireNonNull(loss, "DataParallelTrainer.of: loss");
        Objects.requireNonNull(optimizer, "DataParallelTrainer.of: optimizer");
        return new DataParallelTrainer(new Settings(model, loss, optimizer, 0, 0, 0, null, 0, null, List.of(),
                KernelMismatch.FAIL, MatrixKernel.THIS_JVM));
    }

    /** This trainer with mini-batches drawn from {@code value} (Note [Mini-batches from (seed, step, block)]). */
    public DataParallelTrainer seed(long value) {
        return new DataParallelTrainer(settings.withSeed(value));
    }

    /**
     * This trainer with a mini-batch of {@code rowsPerBlock} rows drawn from each block at each step (a step then
     * uses up to B × rowsPerBlock rows); 0 uses every row of every block.
     *
     * @throws IllegalArgumentException when negative
     */
    public DataParallelTrainer batchSize(int rowsPerBlock) {
        if (rowsPerBlock < 0) {
            throw new IllegalArgumentException("DataParallelTrainer.batchSize: must be >= 0 (0 for whole blocks), got "
                    + rowsPerBlock);
        }
        return new DataParallelTrainer(settings.withBatchSize(rowsPerBlock));
    }

    /**
     * This trainer in parameter-averaging mode: each task takes {@code stepsPerRound} local steps, then the driver
     * averages parameters and optimizer state. {@code fit(data, n)} then runs n rounds. 0 returns to synchronous
     * gradient summing.
     *
     * @throws IllegalArgumentException when negative
     */
    public DataParallelTrainer averageParameters(int stepsPerRound) {
        if (stepsPerRound < 0) {
            throw new IllegalArgumentException("DataParallelTrainer.averageParameters: stepsPerRound must be >= 0, got "
                    + stepsPerRound);
        }
        return new DataParallelTrainer(settings.withLocalSteps(stepsPerRound));
    }

    /**
     * This trainer, writing a {@link TrainingCheckpoint} to {@code directory} after every {@code steps} steps (or
     * rounds), named {@code step-000012.safetensors}.
     *
     * @throws IllegalArgumentException when steps &lt; 1
     */
    public DataParallelTrainer checkpointEvery(int steps, Path directory) {
        if (steps < 1) throw new IllegalArgumentException("DataParallelTrainer.checkpointEvery: steps must be >= 1, got " + steps);
        Objects.requireNonNull(directory, "DataParallelTrainer.checkpointEvery: directory");
        return new DataParallelTrainer(settings.withCheckpoints(steps, directory));
    }

    /**
     * This trainer, starting from {@code checkpoint} (parameters, buffers, optimizer state, learning rate, loss
     * history) instead of the factory's parameters and buffers. The checkpoint must come from a run with the same
     * settings (mode, local steps, seed, batch size, blocks) and model; the resumed run then ends bit for bit where
     * an uninterrupted one would.
     */
    public DataParallelTrainer resumeFrom(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "DataParallelTrainer.resumeFrom: checkpoint");
        return new DataParallelTrainer(settings.withResumeFrom(checkpoint));
    }

    /** This trainer, also reporting each step to {@code listener} on the driver. */
    public DataParallelTrainer listener(StepListener listener) {
        List<StepListener> more = new ArrayList<>(settings.listeners());
        more.add(Objects.requireNonNull(listener, "DataParallelTrainer.listener"));
        return new DataParallelTrainer(settings.withListeners(more));
    }

    /**
     * This trainer, doing {@code policy} when a task reports another matrix kernel than the driver's (see
     * {@link KernelMismatch}; every task reports its JVM's {@code Autograd.matrixKernel()}). The default,
     * {@link KernelMismatch#FAIL}, stops at the first step with the mismatch, naming the JVM flag
     * {@code --add-modules jdk.incubator.vector} and the side that lacks it.
     */
    public DataParallelTrainer onKernelMismatch(KernelMismatch policy) {
        Objects.requireNonNull(policy, "DataParallelTrainer.onKernelMismatch: policy");
        return new DataParallelTrainer(settings.withKernels(policy, settings.driverKernel()));
    }

    /** For tests: this trainer, comparing the tasks' kernels with {@code kernel} instead of this JVM's. */
    DataParallelTrainer assumingDriverKernel(MatrixKernel kernel) {
        return new DataParallelTrainer(settings.withKernels(settings.onKernelMismatch(), kernel));
    }

    /**
     * Trains on the blocks of {@code data} with Spark until step (or round) {@code steps}, counting the steps of a
     * resumed checkpoint. Rows need no checks here: the loaders of {@link BlockData} checked them.
     *
     * @throws NonFiniteLossException   when a loss or gradient is NaN or infinite (nothing is updated with it)
     * @throws IllegalArgumentException for a checkpoint that does not match this run, or steps &lt; 0
     */
    public TrainingResult fit(BlockData data, int steps) {
        return run(new SparkRunner(data), data.numBlocks(), steps);
    }

    /**
     * The same training as {@link #fit(BlockData, int)}, in this thread without Spark: the reference. With the same
     * blocks (for example {@link BlockData#collect()}, or {@link Blocks} from the same input), it returns the same
     * parameters, bit for bit.
     *
     * @param blocks the blocks in index order, 0 to B − 1
     */
    public TrainingResult fitLocal(List<Block> blocks, int steps) {
        return run(new LocalRunner(blocks), blocks.size(), steps);
    }

    private TrainingResult run(StepRunner runner, int numBlocks, int steps) {
        if (steps < 0) throw new IllegalArgumentException("DataParallelTrainer.fit: steps must be >= 0, got " + steps);
        Driver driver = new Driver(settings.model().create(), steps);
        LinkedHashMap<String, String> recorded = checkpointSettings(numBlocks);
        if (settings.resumeFrom() != null) resume(driver, recorded, steps);
        TaskSpec spec = new TaskSpec(UUID.randomUUID().toString(), settings.model(), settings.loss(),
                settings.optimizer(), driver.layout, settings.seed(), settings.batchSize(), settings.localSteps());
        AtomicBoolean kernelWarned = new AtomicBoolean();
        for (int step = driver.start + 1; step <= steps; step++) {
            long began = System.nanoTime();
            StepMath.Combined combined = step(runner, spec, driver, numBlocks, step, kernelWarned);
            driver.losses[step - 1] = combined.loss();
            if (settings.checkpointDirectory() != null && step % settings.checkpointEvery() == 0) {
                checkpoint(driver, step, recorded);
            }
            StepReport report = new StepReport(step, steps, combined.loss(), combined.rows(),
                    (System.nanoTime() - began) / 1e9);
            for (StepListener listener : settings.listeners()) listener.onStep(report);
        }
        return new TrainingResult(settings.model(), driver.layout, driver.parameters, driver.buffers,
                optimizerState(driver), driver.losses, driver.start);
    }

    /**
     * What the driver carries from step to step: its model and optimizer, the parameters and buffers, the losses so
     * far.
     */
    private final class Driver {
        final Module model;
        final ModelLayout layout;
        final Optimizer optimizer;
        final double[] losses;
        double[] parameters;
        double[] buffers;
        /** Parameter averaging's averaged optimizer state (the driver's optimizer keeps none in that mode). */
        NamedVector averagedState = NamedVector.empty();
        int start;

        Driver(Module model, int steps) {
            this.model = model;
            this.layout = ModelLayout.of(model);
            this.optimizer = settings.optimizer().create(model.parameters());
            this.parameters = layout.parameters().flatten(model.namedParameters());
            this.buffers = layout.buffers().flatten(model.namedBuffers());
            this.losses = new double[steps];
        }
    }

    /** Loads the checkpoint {@link #resumeFrom} names into the driver, after checking that it fits this run. */
    private void resume(Driver driver, LinkedHashMap<String, String> recorded, int steps) {
        TrainingCheckpoint checkpoint = read(settings.resumeFrom());
        checkResumable(checkpoint, recorded, steps);
        try {
            checkpoint.loadModel(driver.model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DataParallelTrainer.resumeFrom: " + settings.resumeFrom()
                    + " does not hold this model's state: " + e.getMessage().replaceFirst("^loadStateDict: ", ""), e);
        }
        driver.start = checkpoint.step();
        driver.parameters = driver.layout.parameters().flatten(driver.model.namedParameters());
        driver.buffers = driver.layout.buffers().flatten(driver.model.namedBuffers());
        System.arraycopy(checkpoint.losses(), 0, driver.losses, 0, driver.start);
        driver.optimizer.setLearningRate(checkpoint.learningRate());
        if (settings.localSteps() == 0) driver.optimizer.loadStateDict(checkpoint.optimizerState());
        else driver.averagedState = NamedVector.of(checkpoint.optimizerState());
    }

    /**
     * One step: the tasks' block results, then either the block gradients summed in block order and one optimizer
     * step on the driver, or the blocks' parameters and optimizer states averaged; and the buffers the driver keeps
     * (Note [Buffers across blocks] in {@code StepMath}).
     */
    private StepMath.Combined step(StepRunner runner, TaskSpec spec, Driver driver, int numBlocks, int step,
                                   AtomicBoolean kernelWarned) {
        StepInput input = new StepInput(step, driver.parameters, driver.buffers,
                settings.localSteps() == 0 ? null : driver.averagedState, driver.optimizer.learningRate());
        List<BlockResult> results = runner.run(spec, input);
        checkKernels(results, step, kernelWarned);
        if (settings.localSteps() != 0) {
            StepMath.Combined combined = StepMath.average(results, numBlocks, driver.layout, step);
            driver.parameters = combined.vector();
            driver.buffers = combined.buffers();
            driver.averagedState = combined.optimizerState();
            return combined;
        }
        TensorLayout layout = driver.layout.parameters();
        StepMath.Combined combined = StepMath.sumGradients(results, numBlocks, layout, step);
        StepMath.setGradients(driver.model, layout, combined.vector());
        driver.optimizer.step();
        driver.parameters = layout.flatten(driver.model.namedParameters());
        driver.buffers = combined.buffers();
        StepMath.checkFinite(driver.parameters, layout, "the parameters after the update", step);
        return combined;
    }

    /**
     * Compares every task's matrix kernel with the driver's, each step (an executor lost mid-run may come back with
     * other flags): fails before the step is applied, or warns once per run ({@link KernelMismatch}).
     */
    private void checkKernels(List<BlockResult> results, int step, AtomicBoolean warned) {
        KernelCheck.mismatch(settings.driverKernel(), results).ifPresent(message -> {
            if (settings.onKernelMismatch() == KernelMismatch.FAIL) {
                throw new IllegalStateException(message + " (found at step " + step + ")");
            }
            if (!warned.getAndSet(true)) System.err.println("WARNING: " + message + " (first seen at step " + step + ")");
        });
    }

    private void checkpoint(Driver driver, int step, LinkedHashMap<String, String> recorded) {
        write(new TrainingCheckpoint(step, driver.layout.state(driver.parameters, driver.buffers),
                driver.layout.integerBuffers(), optimizerState(driver), Arrays.copyOf(driver.losses, step),
                driver.optimizer.learningRate(), recorded), TrainingCheckpoint.fileFor(settings.checkpointDirectory(), step));
    }

    private LinkedHashMap<String, Tensor> optimizerState(Driver driver) {
        return settings.localSteps() == 0 ? driver.optimizer.stateDict() : driver.averagedState.toMap();
    }

    private LinkedHashMap<String, String> checkpointSettings(int numBlocks) {
        LinkedHashMap<String, String> recorded = new LinkedHashMap<>();
        recorded.put("mode", settings.localSteps() == 0 ? "gradient-sum" : "parameter-averaging");
        recorded.put("local_steps", Integer.toString(settings.localSteps()));
        recorded.put("seed", Long.toString(settings.seed()));
        recorded.put("batch_size", Integer.toString(settings.batchSize()));
        recorded.put("blocks", Integer.toString(numBlocks));
        return recorded;
    }

    private void checkResumable(TrainingCheckpoint checkpoint, LinkedHashMap<String, String> recorded, int steps) {
        for (var entry : recorded.entrySet()) {
            String saved = checkpoint.settings().get(entry.getKey());
            if (!entry.getValue().equals(saved)) {
                throw new IllegalArgumentException("DataParallelTrainer.resumeFrom: " + settings.resumeFrom()
                        + " was written with " + entry.getKey() + " = " + saved + ", this run has " + entry.getValue()
                        + "; resume with the same settings");
            }
        }
        if (checkpoint.step() > steps) {
            throw new IllegalArgumentException("DataParallelTrainer.resumeFrom: " + settings.resumeFrom() + " is at step "
                    + checkpoint.step() + ", past the " + steps + " steps asked for");
        }
    }

    private static TrainingCheckpoint read(Path file) {
        try {
            return TrainingCheckpoint.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("DataParallelTrainer.resumeFrom: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(TrainingCheckpoint checkpoint, Path file) {
        try {
            checkpoint.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("DataParallelTrainer: cannot write the checkpoint " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
