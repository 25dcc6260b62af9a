package dev.chainrule.benchmarks.jmh;

import dev.chainrule.autograd.internal.kernels.MatMulKernels;
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
 * {@link MatMulKernels#matmul} on square float64 matrices in the three layouts the forward and backward of a
 * product use: {@code NN} (A·B), {@code TN} (Aᵀ·B, a weight gradient) and {@code NT} (A·Bᵀ, an input
 * gradient). GFLOP/s = 2n³ / (time per call).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatMulBenchmark {
    @Param({"64", "128", "256", "512", "1024"})
    public int n;

    @Param({"NN", "TN", "NT"})
    public String layout;

    private double[] a;
    private double[] b;
    private double[] c;
    private boolean transA;
    private boolean transB;

    @Setup
    public void setup() {
        var random = new Random(0);
        a = new double[n * n];
        b = new double[n * n];
        c = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian();
        }
        transA = layout.charAt(0) == 'T';
        transB = layout.charAt(1) == 'T';
    }

    @Benchmark
    public double[] matmul() {
        MatMulKernels.matmul(a, 0, transA, b, 0, transB, c, 0, n, n, n);
        return c;
    }
}
