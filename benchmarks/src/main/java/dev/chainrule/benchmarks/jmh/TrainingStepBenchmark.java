package dev.chainrule.benchmarks.jmh;

import dev.chainrule.benchmarks.TrainingStep;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SGD step (zeroGrad, forward, loss, backward, step) of the 1024-500-10 network, as
 * {@code torch_reference.py} times it, through the public API: {@link TrainingStep#mlp}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingStepBenchmark {
    @Param({"1", "32", "256"})
    public int batch;

    private TrainingStep step;

    @Setup
    public void setup() {
        step = TrainingStep.mlp(1024, 500, 10, batch, 0);
    }

    @Benchmark
    public double mlpStep() {
        step.run();
        return step.lastLoss();
    }
}
