package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * One line of the {@link OpCases} table: an op, the {@code Tensor} methods it exercises, one input domain per
 * differentiable input (so the arity), the GradCheck tolerance, a generator of shapes and op arguments, and the
 * function of the inputs that GradCheck differentiates.
 *
 * @param name      what a failure report calls the line, e.g. {@code "matmul [b,m,k]·[k,n]"}
 * @param methods   signatures of the {@code Tensor} methods the line covers, e.g. {@code "sum(int,boolean)"}
 * @param arity     the number of differentiable inputs
 * @param domains   where each input's values are drawn from, one per input
 * @param tolerance GradCheck's step and tolerances
 * @param shapes    draws the input shapes and the op's arguments (axes, indices, a constant tensor)
 * @param function  the function of the inputs, given a draw
 */
record OpCase(String name, List<String> methods, int arity, List<Domain> domains, GradCheck.Options tolerance,
              Function<Random, Draw> shapes, Function<Draw, TensorFunction> function) {

    OpCase {
        if (domains.size() != arity) {
            throw new IllegalArgumentException(name + ": " + arity + " inputs but " + domains.size() + " domains");
        }
    }

    /** Draws shapes and arguments, then input values from each input's domain; all inputs require grad. */
    Sample sample(Random random) {
        Draw draw = shapes.apply(random);
        if (draw.shapes().length != arity) {
            throw new IllegalStateException(name + ": the shape generator drew " + draw.shapes().length
                    + " shapes for " + arity + " inputs");
        }
        Tensor[] inputs = new Tensor[arity];
        for (int i = 0; i < arity; i++) {
            int[] shape = draw.shapes()[i];
            inputs[i] = tensor(domains.get(i).sample(random, numel(shape)), shape).requiresGrad(true);
        }
        return new Sample(this, draw, inputs);
    }

    @Override
    public String toString() {
        return name;
    }

    /** A tensor of the given shape, 0-d included ({@code Tensor.of} with no shape would make a 1-D tensor). */
    static Tensor tensor(double[] values, int[] shape) {
        return shape.length == 0 ? Tensor.scalar(values[0]) : Tensor.of(values, shape);
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /**
     * The shapes of the differentiable inputs and the op's other arguments.
     *
     * @param shapes   one shape per differentiable input
     * @param ints     integer arguments: axes, flags, indices, a target shape (the line knows which)
     * @param constant a non-differentiable tensor argument (gather's indices, where's condition), or null
     */
    record Draw(int[][] shapes, int[] ints, Tensor constant) {
        static Draw of(int[]... shapes) {
            return new Draw(shapes, new int[0], null);
        }

        Draw withInts(int... values) {
            return new Draw(shapes, values, constant);
        }

        Draw withConstant(Tensor value) {
            return new Draw(shapes, ints, value);
        }

        /** The first integer argument, by convention the axis. */
        int axis() {
            return ints[0];
        }

        /** The second integer argument as a flag, by convention keepDim. */
        boolean keepDim() {
            return ints[1] != 0;
        }

        /** The integer arguments from {@code from} on, e.g. indices or a target shape after an axis. */
        int[] intsFrom(int from) {
            return Arrays.copyOfRange(ints, from, ints.length);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("shapes");
            for (int[] s : shapes) out.append(' ').append(Arrays.toString(s));
            if (ints.length > 0) out.append(", ints ").append(Arrays.toString(ints));
            if (constant != null) {
                out.append(", constant ").append(Arrays.toString(constant.shape())).append(' ')
                        .append(Arrays.toString(constant.toArray()));
            }
            return out.toString();
        }
    }

    /** Where an input's values come from. */
    record Domain(String name, Sampler sampler) {
        @FunctionalInterface
        interface Sampler {
            double[] sample(Random random, int n);
        }

        double[] sample(Random random, int n) {
            return sampler.sample(random, n);
        }

        @Override
        public String toString() {
            return name;
        }

        /** Uniform in {@code [lo, hi)}. */
        static Domain uniform(double lo, double hi) {
            return new Domain("[" + lo + ", " + hi + ")", (random, n) -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * random.nextDouble();
                return v;
            });
        }

        /** Uniform in {@code [lo, hi)} but at least {@code margin} away from every point in {@code kinks}. */
        static Domain awayFrom(double lo, double hi, double margin, double... kinks) {
            return new Domain("[" + lo + ", " + hi + ") at least " + margin + " from " + Arrays.toString(kinks),
                    (random, n) -> {
                        double[] v = new double[n];
                        for (int i = 0; i < n; i++) {
                            do {
                                v[i] = lo + (hi - lo) * random.nextDouble();
                            } while (nearAny(v[i], margin, kinks));
                        }
                        return v;
                    });
        }

        private static boolean nearAny(double v, double margin, double[] kinks) {
            for (double k : kinks) if (Math.abs(v - k) < margin) return true;
            return false;
        }

        /**
         * Values of pairwise distinct magnitudes, at least 0.05 apart and 0.1 or more from 0, with random signs: an
         * infinity norm has a unique largest |x| and no kink of |x| is near.
         */
        static Domain distinctMagnitudes() {
            Domain distinct = distinct();
            return new Domain("random signs, magnitudes distinct by 0.05 and at least 0.1", (random, n) -> {
                double[] v = distinct.sample(random, n);
                for (int i = 0; i < n; i++) v[i] = (random.nextBoolean() ? 1 : -1) * (v[i] + n * 0.05 + 0.1);
                return v;
            });
        }

        /**
         * Pairwise distinct values, at least 0.05 apart, in random order: a max or min along any axis has a
         * unique arg-extreme with a runner-up far beyond the finite-difference step.
         */
        static Domain distinct() {
            return new Domain("distinct values 0.05 or more apart", (random, n) -> {
                int[] order = new int[n];
                for (int i = 0; i < n; i++) order[i] = i;
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = (order[i] - n / 2.0) * 0.1 + 0.05 * random.nextDouble();
                return v;
            });
        }
    }

    /** One drawn instance of a line: the draw and the inputs. */
    record Sample(OpCase op, Draw draw, Tensor[] inputs) {
        TensorFunction function() {
            return op.function().apply(draw);
        }

        /** Runs GradCheck on the line's function; a failure names the line, the draw and the inputs. */
        GradCheck.Report assertGradientsMatch() {
            GradCheck.Report report;
            try {
                report = GradCheck.check(function(), op.tolerance(), inputs);
            } catch (RuntimeException e) {
                throw new AssertionError(this + ": GradCheck threw " + e, e);
            }
            if (!report.passed()) throw new AssertionError(this + ": " + report);
            return report;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(op.name()).append(" with ").append(draw).append(", inputs");
            for (Tensor x : inputs) {
                double[] v = x.toArray();
                out.append(' ').append(v.length <= 8 ? Arrays.toString(v) : Arrays.toString(Arrays.copyOf(v, 8))
                        .replace("]", ", ... (" + v.length + " values)]"));
            }
            return out.toString();
        }
    }
}
