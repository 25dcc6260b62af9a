package dev.chainrule.benchmarks.jmh;

import dev.chainrule.autograd.internal.kernels.BinaryKernels;
import dev.chainrule.autograd.internal.kernels.Broadcasting;
import dev.chainrule.autograd.internal.kernels.ElementwiseKernels;
import dev.chainrule.autograd.internal.kernels.ReductionKernels;
import java.util.Arrays;
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
 * The other kernel families on a {@code [rows, cols]} float64 matrix (default {@code [256, 500]}, the hidden
 * layer of the 1024-500-10 network at batch 256): an element-wise op (sigmoid), an element-wise binary op on
 * equal shapes (mul), reductions (all elements, and along axis 0 as a bias gradient does), and the broadcast
 * add of a {@code [cols]} bias.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {
    @Param({"256"})
    public int rows;

    @Param({"500"})
    public int cols;

    private double[] x;
    private double[] other;
    private double[] bias;
    private double[] out;
    private double[] column;
    private int[] shape;
    private int[] biasShape;

    @Setup
    public void setup() {
        var random = new Random(0);
        x = new double[rows * cols];
        other = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
            other[i] = random.nextGaussian();
        }
        bias = new double[cols];
        for (int j = 0; j < cols; j++) bias[j] = random.nextGaussian();
        out = new double[rows * cols];
        column = new double[cols];
        shape = new int[] {rows, cols};
        biasShape = new int[] {cols};
    }

    @Benchmark
    public double[] sigmoid() {
        ElementwiseKernels.sigmoid(x, out, 0, x.length);
        return out;
    }

    @Benchmark
    public double[] tanh() {
        ElementwiseKernels.tanh(x, out, 0, x.length);
        return out;
    }

    @Benchmark
    public double[] mul() {
        BinaryKernels.mul(x, 0, 1, other, 0, 1, out, 0, x.length);
        return out;
    }

    @Benchmark
    public double sumAll() {
        return ReductionKernels.sum(x);
    }

    /** The sum over the batch axis, as the gradient of a broadcast bias needs: {@code [rows, cols] → [cols]}. */
    @Benchmark
    public double[] sumAxis0() {
        Arrays.fill(column, 0);
        ReductionKernels.sum(x, 1, rows, cols, column);
        return column;
    }

    /** {@code [rows, cols] + [cols]}: the bias add of a linear layer. */
    @Benchmark
    public double[] broadcastAdd() {
        Broadcasting.binary(BinaryKernels::add, x, shape, bias, biasShape, out, shape);
        return out;
    }
}
