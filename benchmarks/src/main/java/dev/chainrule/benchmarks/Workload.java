package dev.chainrule.benchmarks;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;

/**
 * The CLI's workloads, each printing one or more {@link Measurement}s. The first three are those of
 * {@code shared/bench/torch_reference.py} (float64), and lenet, resblock and tinygpt those of
 * {@code torch_layers_reference.py}, so the programs can be compared in one sitting.
 */
enum Workload {
    /** Square float64 products through {@link Tensor#matmul}: GFLOP/s = 2n³ / seconds. */
    MATMUL("matmul") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            for (int n : new int[] {128, 256, 512, 1024}) {
                Tensor a = Tensor.randn(new Random(1), n, n);
                Tensor b = Tensor.randn(new Random(2), n, n);
                double flops = 2.0 * n * n * n;
                var sink = new double[1];
                var rounds = settings.timer().secondsPerCall(() -> sink[0] += a.matmul(b).get(0, 0),
                        (int) Math.max(3, 2e9 / flops));
                out.accept(Measurement.timed("matmul_n" + n + "_f64_gflops", rounds, s -> flops / s / 1e9,
                        "GFLOP/s"));
            }
        }
    },
    /**
     * {@link FmaPeak}: the float64 ceiling of one thread and of every kernel thread at once, the yardstick for the
     * GFLOP/s of {@code matmul} and {@code conv2d}. Skipped, with a note, when the JVM lacks the Vector API.
     */
    PEAK("peak") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                settings.notes().accept("# peak: skipped, it needs java --add-modules jdk.incubator.vector");
                return;
            }
            int all = dev.chainrule.autograd.internal.kernels.Parallel.threads();
            for (int threads : all > 1 ? new int[] {1, all} : new int[] {1}) {
                try (FmaPeak peak = new FmaPeak(threads)) {
                    var rounds = settings.timer().secondsPerCall(peak::run, 2000);
                    String name = "fma_peak_" + threads + (threads == 1 ? "_thread" : "_threads") + "_f64_gflops";
                    out.accept(Measurement.timed(name, rounds, s -> peak.flopsPerRun() / s / 1e9, "GFLOP/s"));
                }
            }
        }
    },
    /** One SGD step of the 1024-500-10 network at batch 1, 32 and 256. */
    MLP("mlp") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            for (int batch : new int[] {1, 32, 256}) {
                TrainingStep step = TrainingStep.mlp(1024, 500, 10, batch, 0);
                var rounds = settings.timer().secondsPerCall(step, (int) Math.max(5, 0.3 / (batch * 1e-5 + 1e-4)));
                out.accept(Measurement.timed("mlp1024_b" + batch + "_f64_step_ms", rounds, MILLIS, "ms"));
            }
        }
    },
    /** One SGD step of the 2-3-1 XOR network. */
    XOR("xor") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            TrainingStep step = TrainingStep.xor(0);
            var rounds = settings.timer().secondsPerCall(step, 2000);
            out.accept(Measurement.timed("xor_231_f64_step_us", rounds, s -> s * 1e6, "us"));
        }
    },
    /** One SGD step of LeNet-5 on 28×28 inputs at batch 64, as {@code torch_layers_reference.py}'s {@code lenet5}. */
    LENET("lenet") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            TrainingStep step = TrainingStep.lenet(64, 0);
            var rounds = settings.timer().secondsPerCall(step, 20);
            out.accept(Measurement.timed("lenet5_b64_f64_step_ms", rounds, MILLIS, "ms"));
        }
    },
    /** One SGD step of the ResNet basic block (64 channels, 32×32, batch 16), as the script's {@code resblock64}. */
    RESBLOCK("resblock") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            TrainingStep step = TrainingStep.resblock(16, 0);
            var rounds = settings.timer().secondsPerCall(step, 3);
            out.accept(Measurement.timed("resblock64_32x32_b16_f64_step_ms", rounds, MILLIS, "ms"));
        }
    },
    /**
     * One SGD step of the sequence classifier (Embedding(64, 32), LSTM(32 → 128), Linear(128, 10) on the last step's
     * output; 32 sequences of 32 tokens), as the script's {@code lstm128}.
     */
    LSTM("lstm") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            TrainingStep step = TrainingStep.lstm(32, 0);
            var rounds = settings.timer().secondsPerCall(step, 10);
            out.accept(Measurement.timed("lstm128_seq32_b32_f64_step_ms", rounds, MILLIS, "ms"));
        }
    },
    /**
     * One SGD step of the character transformer (vocabulary 64, context 32, d_model 64, 4 heads, 2 pre-norm GELU
     * blocks, causal) at batch 32, as the script's {@code tinygpt}.
     */
    TINYGPT("tinygpt") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            TrainingStep step = TrainingStep.tinygpt(32, 0);
            var rounds = settings.timer().secondsPerCall(step, 10);
            out.accept(Measurement.timed("tinygpt_seq32_b32_f64_step_ms", rounds, MILLIS, "ms"));
        }
    },
    /**
     * {@code conv2d} forward and backward (input and weight gradients) at the resblock's shape: input
     * {@code [16, 64, 32, 32]}, weight {@code [64, 64, 3, 3]}, padding 1. Each of the three products costs
     * {@code 2·N·out·in·9·H·W} = 1.21 GFLOP; GFLOP/s = 3 × that / seconds, comparable with {@code matmul}'s.
     */
    CONV2D("conv2d") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            Tensor x = Tensor.randn(new Random(1), 16, 64, 32, 32).requiresGrad(true);
            Tensor w = Tensor.randn(new Random(2), 64, 64, 3, 3).requiresGrad(true);
            Tensor gy = Tensor.randn(new Random(3), 16, 64, 32, 32);
            var options = dev.chainrule.autograd.Convolution.Options.of().withPadding(1);
            double flops = 3 * 2.0 * 16 * 64 * 64 * 9 * 32 * 32;
            var rounds = settings.timer().secondsPerCall(() -> {
                x.zeroGrad();
                w.zeroGrad();
                dev.chainrule.autograd.Convolution.conv2d(x, w, null, options).backward(gy);
            }, 5);
            out.accept(Measurement.timed("conv2d_resblock_fwd_bwd_f64_gflops", rounds, s -> flops / s / 1e9,
                    "GFLOP/s"));
        }
    },
    /**
     * Backward alone through a chain of {@code h = h·c} on a scalar (c = 1, so the gradient is exactly 1): the
     * engine's cost per node, with no arithmetic to hide it. The graph is rebuilt before each timed backward.
     */
    CHAIN("chain") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            int length = settings.chainLength();
            backwardSeconds(Math.min(length, 100_000));
            double[] seconds = new double[settings.smoke() || settings.quick() ? 1 : 3];
            for (int r = 0; r < seconds.length; r++) seconds[r] = backwardSeconds(length);
            Arrays.sort(seconds);
            out.accept(new Measurement("chain_" + sizeName(length) + "_backward_ms",
                    seconds[seconds.length / 2] * 1e3, "ms"));
        }

        private double backwardSeconds(int length) {
            Tensor x = Tensor.scalar(1.0).requiresGrad(true);
            Tensor c = Tensor.scalar(1.0);
            Tensor h = x;
            for (int i = 0; i < length; i++) h = h.mul(c);
            long start = System.nanoTime();
            h.backward();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (x.grad().item() != 1.0) {
                throw new IllegalStateException("chain: expected gradient 1, got " + x.grad().item());
            }
            return seconds;
        }
    },
    /**
     * Many training steps of the digits-sized network (64-500-10, batch 32, random data): after a warm-up, the
     * used heap after {@code System.gc()} is sampled at evenly spaced steps, and the growth is the median of
     * the last five samples minus the median of the first five. A leak per step shows as steady growth.
     */
    MEMORY("memory") {
        @Override
        void run(Settings settings, Consumer<Measurement> out) {
            int steps = settings.steps();
            TrainingStep step = TrainingStep.mlp(64, 500, 10, 32, 0);
            for (int i = 0, warmup = Math.max(1, Math.min(1000, steps / 10)); i < warmup; i++) step.run();
            int samples = Math.min(SAMPLES, steps);
            double[] usedMb = new double[samples + 1];
            usedMb[0] = usedHeapMb();
            long stepNanos = 0;
            int done = 0;
            for (int s = 1; s <= samples; s++) {
                int until = (int) ((long) steps * s / samples);
                long start = System.nanoTime();
                for (; done < until; done++) step.run();
                stepNanos += System.nanoTime() - start;
                usedMb[s] = usedHeapMb();
            }
            int window = Math.min(5, (usedMb.length + 1) / 2);
            double early = median(Arrays.copyOfRange(usedMb, 0, window));
            double late = median(Arrays.copyOfRange(usedMb, usedMb.length - window, usedMb.length));
            out.accept(new Measurement("digits_b32_f64_step_us", stepNanos / 1e3 / steps, "us"));
            out.accept(new Measurement("digits_steps_heap_growth_mb", late - early, "MB"));
        }
    };

    private static final int SAMPLES = 20;
    private static final DoubleUnaryOperator MILLIS = s -> s * 1e3;

    private final String id;

    Workload(String id) {
        this.id = id;
    }

    /** The name on the command line. */
    String id() {
        return id;
    }

    abstract void run(Settings settings, Consumer<Measurement> out);

    /** What a run of the CLI asked for; {@code notes} takes comment lines for standard error. */
    record Settings(Timer timer, int steps, int chainLength, boolean quick, boolean smoke, Consumer<String> notes) {}

    /** The workload called {@code id}, or an exception listing the valid names. */
    static Workload byId(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) return w;
        }
        throw new IllegalArgumentException("--workloads: unknown workload '" + id + "'; choose from all, "
                + String.join(", ", Arrays.stream(values()).map(Workload::id).toList()));
    }

    static String sizeName(int n) {
        if (n % 1_000_000 == 0) return n / 1_000_000 + "m";
        if (n % 1_000 == 0) return n / 1_000 + "k";
        return Integer.toString(n);
    }

    static double usedHeapMb() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
