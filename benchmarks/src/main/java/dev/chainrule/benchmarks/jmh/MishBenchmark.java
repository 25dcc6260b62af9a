package dev.chainrule.benchmarks.jmh;

import dev.chainrule.autograd.Tensor;
import java.util.Random;
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
 * mish forward and backward on an {@code [n, n]} input (default 512 × 512, standard normal values, so random
 * signs), through the public API: the built-in {@code x.mish()} against the same function composed as
 * {@code x.mul(x.softplus().tanh())}, which issue 16 found twice as fast as the built-in before its one-exponential
 * kernels. Each call runs forward, backward with an all-ones upstream gradient, and clears the gradient.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MishBenchmark {
    @Param({"512"})
    public int n;

    private Tensor x;
    private Tensor upstream;

    @Setup
    public void setup() {
        x = Tensor.randn(new Random(0), n, n).requiresGrad(true);
        upstream = Tensor.ones(n, n);
    }

    @Benchmark
    public Tensor builtIn() {
        return forwardBackward(x.mish());
    }

    @Benchmark
    public Tensor composed() {
        return forwardBackward(x.mul(x.softplus().tanh()));
    }

    @Benchmark
    public Tensor builtInForwardOnly() {
        return x.detach().mish();
    }

    private Tensor forwardBackward(Tensor y) {
        y.backward(upstream);
        Tensor g = x.grad();
        x.zeroGrad();
        return g;
    }
}
