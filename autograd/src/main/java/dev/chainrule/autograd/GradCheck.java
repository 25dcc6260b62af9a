package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks autograd's derivatives against central finite differences, in float64.
 *
 * <p>For a function {@code f} of several tensors, the checker perturbs every element {@code e} of every input
 * that requires grad by ±eps and estimates column {@code e} of the Jacobian as
 * {@code (f(x + eps) − f(x − eps)) / 2eps}. It compares that with autograd's Jacobian, built from one
 * backward pass per output element (or, for outputs of more than {@value #FULL_JACOBIAN_LIMIT} elements, from
 * vector-Jacobian products with random upstream gradients), element by element:
 * {@code |analytic − numeric| ≤ atol + rtol·|numeric|}. It also checks that a zero upstream gradient gives
 * zero input gradients. Defaults are PyTorch's: eps 1e-6, atol 1e-5, rtol 1e-3.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Random(0), 3, 4).requiresGrad(true);
 * Tensor w = Tensor.randn(new Random(1), 4, 2).requiresGrad(true);
 * GradCheck.Report report = GradCheck.check(xs -> xs[0].matmul(xs[1]).tanh(), x, w);
 * System.out.println(report);      // passed, or which input and element disagree, and by how much
 * GradCheck.assertPasses(xs -> xs[0].sigmoid(), x);   // throws AssertionError with the report
 * }</pre>
 *
 * Inputs are copied, so the caller's tensors and their gradients are left untouched.
 */
public final class GradCheck {
    /** Outputs up to this many elements get a full Jacobian; larger ones random vector-Jacobian products. */
    public static final int FULL_JACOBIAN_LIMIT = 64;
    private static final int RANDOM_PROJECTIONS = 4;

    private GradCheck() {}

    /**
     * Settings: the finite-difference step and the tolerances.
     *
     * @param eps  half the step of the central difference
     * @param atol absolute tolerance
     * @param rtol tolerance relative to the numeric value
     */
    public record Options(double eps, double atol, double rtol) {
        /** PyTorch's defaults: eps 1e-6, atol 1e-5, rtol 1e-3. */
        public static final Options DEFAULT = new Options(1e-6, 1e-5, 1e-3);

        /** Validates the settings. */
        public Options {
            if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException("GradCheck.Options: need eps > 0, atol >= 0, rtol >= 0; got eps="
                        + eps + ", atol=" + atol + ", rtol=" + rtol);
            }
        }

        public Options withEps(double value) {
            return new Options(value, atol, rtol);
        }

        public Options withAtol(double value) {
            return new Options(eps, value, rtol);
        }

        public Options withRtol(double value) {
            return new Options(eps, atol, value);
        }
    }

    /**
     * What a check found.
     *
     * @param passed        whether every element was within tolerance (and zero upstream gave zero gradients)
     * @param maxAbsError   the largest |analytic − numeric| over all compared elements
     * @param maxRelError   the largest |analytic − numeric| / |numeric| (over elements with a nonzero numeric value)
     * @param worstInput    the index of the input holding the element shown (-1 when nothing was compared): on a
     *                      failure the one furthest past its tolerance, on a pass the one with the largest error
     * @param worstElement  that element's index within that input, one entry per dimension
     * @param worstOutput   the output element (flat index) of that Jacobian entry, or -1 for a projection
     * @param analytic      autograd's value at that element
     * @param numeric       the finite-difference value at that element
     * @param problem       a sentence describing the failure, or empty when the check passed
     */
    public record Report(boolean passed, double maxAbsError, double maxRelError, int worstInput, int[] worstElement,
                         int worstOutput, double analytic, double numeric, String problem) {
        @Override
        public String toString() {
            String where = worstInput < 0 ? "no element compared"
                    : (passed ? "largest error at input " : "worst at input ") + worstInput + " element " + Arrays.toString(worstElement)
                    + (worstOutput >= 0 ? " (output element " + worstOutput + ")" : " (random projection)")
                    + ": analytic " + analytic + ", numeric " + numeric;
            return (passed ? "GradCheck passed" : "GradCheck FAILED: " + problem) + "; max abs error "
                    + maxAbsError + ", max rel error " + maxRelError + "; " + where;
        }
    }

    /** Checks {@code fn} at {@code inputs} with the default options. */
    public static Report check(TensorFunction fn, Tensor... inputs) {
        return check(fn, Options.DEFAULT, inputs);
    }

    /** Checks {@code fn} at {@code inputs}: the derivatives with respect to every input that requires grad. */
    public static Report check(TensorFunction fn, Options options, Tensor... inputs) {
        Tensor[] leaves = copies(inputs);
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < leaves.length; i++) if (leaves[i].requiresGrad()) targets.add(i);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("gradCheck: no input requires grad; call requiresGrad(true) on the"
                    + " inputs to check");
        }
        Tensor output = fn.apply(leaves);
        double[][][] numeric = numericJacobians(fn, leaves, targets, output, options.eps());
        Comparison comparison = new Comparison(options);
        compareJacobians(leaves, targets, output, numeric, comparison);
        checkZeroUpstream(leaves, targets, output, comparison);
        return comparison.report();
    }

    /**
     * Checks second derivatives, like PyTorch's gradgradcheck: the gradient of {@code fn} (with a fixed random
     * upstream gradient), computed with {@code createGraph}, is itself checked against finite differences.
     */
    public static Report checkSecondOrder(TensorFunction fn, Tensor... inputs) {
        return checkSecondOrder(fn, Options.DEFAULT, inputs);
    }

    /** {@link #checkSecondOrder(TensorFunction, Tensor...)} with explicit options. */
    public static Report checkSecondOrder(TensorFunction fn, Options options, Tensor... inputs) {
        Tensor upstream;
        try (var off = Autograd.noGrad()) {
            upstream = Tensor.randn(new Random(7), fn.apply(copies(inputs)).shape);
        }
        TensorFunction gradient = xs -> {
            List<Tensor> wanted = new ArrayList<>();
            List<Tensor> flat = new ArrayList<>();
            for (Tensor x : xs) if (x.requiresGrad()) wanted.add(x);
            try (var on = Autograd.enableGrad()) {          // finite differences evaluate under noGrad
                Tensor y = fn.apply(xs);
                for (Tensor g : y.requiresGrad()
                        ? Autograd.grad(List.of(y), wanted, List.of(upstream), true, true) : backward(y, wanted, null)) {
                    flat.add(g.flatten());
                }
            }
            return Tensor.concat(0, flat);
        };
        return check(gradient, options, inputs);
    }

    /** Like {@link #checkSecondOrder(TensorFunction, Tensor...)}, but throws an {@link AssertionError} on failure. */
    public static Report assertSecondOrderPasses(TensorFunction fn, Tensor... inputs) {
        Report report = checkSecondOrder(fn, inputs);
        if (!report.passed()) throw new AssertionError("second order: " + report);
        return report;
    }

    /**
     * An op whose backward rule disagrees with finite differences, as {@link #locate} reports it.
     *
     * @param position    the op's position in forward (graph) order, from 0
     * @param op          the op's name, e.g. {@code tanh} or a custom function's name
     * @param site        where user code created it ({@code Class.method(File.java:line)})
     * @param inputShapes the shapes of its inputs
     * @param outputShape the shape of its output
     * @param report      the check of its rule on the values that actually flowed through it
     */
    public record Finding(int position, String op, String site, List<int[]> inputShapes, int[] outputShape,
                          Report report) {
        @Override
        public String toString() {
            StringBuilder shapes = new StringBuilder();
            for (int[] s : inputShapes) shapes.append(shapes.length() == 0 ? "" : ", ").append(Arrays.toString(s));
            return "op #" + position + " " + op + " (inputs " + shapes + " -> " + Arrays.toString(outputShape)
                    + "), created at " + site + ": " + report;
        }
    }

    /**
     * Finds a wrong backward rule inside {@code fn}: runs it once (recording creation sites), then checks every
     * recorded op's own rule against finite differences on the values that actually flowed through it, in
     * forward order, and returns the first op whose rule disagrees, or empty when all agree. Where
     * {@link #check} says that a gradient is wrong, this says which op made it wrong.
     */
    public static java.util.Optional<Finding> locate(TensorFunction fn, Tensor... inputs) {
        return locate(fn, Options.DEFAULT, inputs);
    }

    /** {@link #locate(TensorFunction, Tensor...)} with explicit options. */
    public static java.util.Optional<Finding> locate(TensorFunction fn, Options options, Tensor... inputs) {
        Tensor output;
        try (var anomaly = Autograd.detectAnomaly(true)) {
            output = fn.apply(copies(inputs));
        }
        List<Node> nodes = Graph.nodes(output);
        for (int position = 0; position < nodes.size(); position++) {
            Node node = nodes.get(position);
            Tensor[] local = copies(node.inputs());
            Report report = check(xs -> node.op.forward(xs), options, local);
            if (!report.passed()) {
                List<int[]> shapes = new ArrayList<>();
                for (Tensor x : local) shapes.add(x.shape());
                return java.util.Optional.of(new Finding(position, node.op.name(), node.describeSite(), shapes,
                        node.output().shape(), report));
            }
        }
        return java.util.Optional.empty();
    }

    /** Like {@link #check(TensorFunction, Tensor...)}, but throws an {@link AssertionError} with the report on failure. */
    public static Report assertPasses(TensorFunction fn, Tensor... inputs) {
        return assertPasses(fn, Options.DEFAULT, inputs);
    }

    /** Like {@link #check(TensorFunction, Options, Tensor...)}, throwing an {@link AssertionError} on failure. */
    public static Report assertPasses(TensorFunction fn, Options options, Tensor... inputs) {
        Report report = check(fn, options, inputs);
        if (!report.passed()) throw new AssertionError(report.toString());
        return report;
    }

    private static Tensor[] copies(Tensor[] inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = new Tensor(inputs[i].data.clone(), inputs[i].shape.clone())
                    .requiresGrad(inputs[i].requiresGrad());
        }
        return leaves;
    }

    /** numeric[t][e][o]: d output[o] / d input[targets[t]][e] by central differences. */
    private static double[][][] numericJacobians(TensorFunction fn, Tensor[] leaves, List<Integer> targets,
                                                 Tensor output, double eps) {
        double[][][] jacobians = new double[targets.size()][][];
        try (var off = Autograd.noGrad()) {
            for (int t = 0; t < targets.size(); t++) {
                double[] x = leaves[targets.get(t)].data;
                jacobians[t] = new double[x.length][];
                for (int e = 0; e < x.length; e++) {
                    double original = x[e];
                    x[e] = original + eps;
                    double[] plus = evaluate(fn, leaves, output);
                    x[e] = original - eps;
                    double[] minus = evaluate(fn, leaves, output);
                    x[e] = original;
                    double[] column = new double[plus.length];
                    for (int o = 0; o < column.length; o++) column[o] = (plus[o] - minus[o]) / (2 * eps);
                    jacobians[t][e] = column;
                }
            }
        }
        return jacobians;
    }

    private static double[] evaluate(TensorFunction fn, Tensor[] leaves, Tensor reference) {
        Tensor y = fn.apply(leaves);
        if (!Arrays.equals(y.shape, reference.shape)) {
            throw new IllegalStateException("gradCheck: the function returned shape " + Shapes.format(y.shape)
                    + " for perturbed inputs but " + Shapes.format(reference.shape) + " at first");
        }
        return y.data.clone();                            // the output may be a view sharing an input's storage
    }

    /** Autograd's vector-Jacobian product; zeros when the output does not depend on the inputs at all. */
    private static List<Tensor> backward(Tensor output, List<Tensor> wanted, Tensor seed) {
        if (!output.requiresGrad()) {
            List<Tensor> zeros = new ArrayList<>();
            for (Tensor w : wanted) zeros.add(Tensor.zeros(w.shape));
            return zeros;
        }
        return Autograd.grad(List.of(output), wanted, List.of(seed), true, false);
    }

    private static void compareJacobians(Tensor[] leaves, List<Integer> targets, Tensor output,
                                         double[][][] numeric, Comparison comparison) {
        int m = output.data.length;
        List<Tensor> wanted = new ArrayList<>();
        for (int t : targets) wanted.add(leaves[t]);
        if (m <= FULL_JACOBIAN_LIMIT) {
            for (int o = 0; o < m; o++) {
                Tensor seed = Tensor.zeros(output.shape);
                seed.data[o] = 1;
                List<Tensor> grads = backward(output, wanted, seed);
                for (int t = 0; t < targets.size(); t++) {
                    double[] g = grads.get(t).data;
                    for (int e = 0; e < g.length; e++) {
                        comparison.compare(targets.get(t), leaves[targets.get(t)].shape, e, o, g[e], numeric[t][e][o]);
                    }
                }
            }
            return;
        }
        Random random = new Random(42);
        for (int p = 0; p < RANDOM_PROJECTIONS; p++) {
            Tensor seed = Tensor.randn(random, output.shape);
            List<Tensor> grads = backward(output, wanted, seed);
            for (int t = 0; t < targets.size(); t++) {
                double[] g = grads.get(t).data;
                for (int e = 0; e < g.length; e++) {
                    double projected = 0;
                    for (int o = 0; o < m; o++) projected += seed.data[o] * numeric[t][e][o];
                    comparison.compare(targets.get(t), leaves[targets.get(t)].shape, e, -1, g[e], projected);
                }
            }
        }
    }

    private static void checkZeroUpstream(Tensor[] leaves, List<Integer> targets, Tensor output,
                                          Comparison comparison) {
        List<Tensor> wanted = new ArrayList<>();
        for (int t : targets) wanted.add(leaves[t]);
        List<Tensor> grads = backward(output, wanted, Tensor.zeros(output.shape));
        for (int t = 0; t < targets.size(); t++) {
            for (double v : grads.get(t).data) {
                if (v != 0) {
                    comparison.fail("a zero upstream gradient gave a nonzero gradient (" + v + ") for input "
                            + targets.get(t));
                    return;
                }
            }
        }
    }

    /** Running maxima, the worst violation of the tolerance and the largest error. */
    private static final class Comparison {
        /** One compared Jacobian entry. */
        private record Entry(int input, int[] element, int output, double analytic, double numeric) {
            static final Entry NONE = new Entry(-1, new int[0], -1, Double.NaN, Double.NaN);
        }

        private final Options options;
        private double maxAbs;
        private double maxRel;
        private double worstExcess = Double.NEGATIVE_INFINITY;
        private Entry worst = Entry.NONE;
        private double largestError = -1;
        private Entry largest = Entry.NONE;
        private String problem = "";

        Comparison(Options options) {
            this.options = options;
        }

        void compare(int input, int[] shape, int element, int output, double analytic, double numeric) {
            double error = Math.abs(analytic - numeric);
            if (Double.isNaN(error)) error = Double.POSITIVE_INFINITY;
            maxAbs = Math.max(maxAbs, error);
            if (numeric != 0) maxRel = Math.max(maxRel, error / Math.abs(numeric));
            double excess = error - (options.atol() + options.rtol() * Math.abs(numeric));
            if (excess > worstExcess || error > largestError) {
                Entry entry = new Entry(input, unravel(element, shape), output, analytic, numeric);
                if (excess > worstExcess) {
                    worstExcess = excess;
                    worst = entry;
                }
                if (error > largestError) {
                    largestError = error;
                    largest = entry;
                }
            }
        }

        void fail(String message) {
            if (problem.isEmpty()) problem = message;
        }

        /** On a failure the report shows the entry furthest past its tolerance; on a pass, the largest error. */
        Report report() {
            if (worstExcess > 0) {
                fail("analytic and numeric derivatives differ beyond atol=" + options.atol() + ", rtol="
                        + options.rtol());
            }
            boolean passed = problem.isEmpty();
            Entry shown = passed ? largest : worst;
            return new Report(passed, maxAbs, maxRel, shown.input(), shown.element(), shown.output(),
                    shown.analytic(), shown.numeric(), problem);
        }
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
