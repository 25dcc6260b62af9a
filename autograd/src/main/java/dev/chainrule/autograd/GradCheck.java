package dev.chainrule.autograd;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
 * <p><b>Reports</b> name inputs by position ({@code input 1 element [2, 0]}), or by the names given with
 * {@link Options#withInputNames} ({@code input W element [2, 0]}). A pass shows where the largest error is; a
 * failure shows the entry furthest past its tolerance, how many entries failed, and, when the numeric derivative
 * sits halfway between the two one-sided differences, says "non-differentiable point?" (relu at 0: autograd
 * says 0, central differences 0.5).
 *
 * <p><b>Size.</b> The numeric Jacobian is computed one column at a time and compared at once, never stored;
 * the slow mode costs two evaluations of {@code f} per input element, which for a layer's weight is minutes.
 * For a real layer use {@link Options#withFastMode()} (PyTorch's {@code fast_mode}: one random projection
 * {@code uᵀJv} per input, two evaluations per input) or {@link Options#withMaxElements} (a seeded sample of
 * each input's elements, compared entry by entry), and {@link Options#withProgress} to see a long check move:
 * <pre>{@code
 * Tensor x = Tensor.randn(new Random(0), 8, 500);
 * Tensor w = Tensor.randn(new Random(1), 500, 64).requiresGrad(true);
 * GradCheck.Options fast = GradCheck.Options.DEFAULT.withFastMode().withInputNames("x", "W");
 * GradCheck.assertPasses(xs -> xs[0].matmul(xs[1]).tanh(), fast, x, w);
 * GradCheck.Options sampled = GradCheck.Options.DEFAULT.withMaxElements(200)
 *         .withProgress(GradCheck.Progress.printingTo(System.err));
 * GradCheck.assertPasses(xs -> xs[0].matmul(xs[1]).tanh(), sampled, x, w);
 * }</pre>
 * A check whose stored rows (at most {@value #FULL_JACOBIAN_LIMIT} per checked element) would not fit in the
 * free heap is refused before anything is allocated, with the size and these two ways out.
 *
 * Inputs are copied, so the caller's tensors and their gradients are left untouched.
 */
public final class GradCheck {
    /** Outputs up to this many elements get a full Jacobian; larger ones random vector-Jacobian products. */
    public static final int FULL_JACOBIAN_LIMIT = 64;
    private static final long DEFAULT_SEED = 42;

    private GradCheck() {}

    /**
     * Settings: the finite-difference step, the tolerances, the mode and how much of each input to check, the
     * seed of every random choice, the inputs' names and a progress listener. Start from {@link #DEFAULT} and
     * change what you need with the {@code with...} methods.
     *
     * @param eps         half the step of the central difference
     * @param atol        absolute tolerance
     * @param rtol        tolerance relative to the numeric value
     * @param fastMode    compare one random projection {@code uᵀJv} per input instead of the Jacobian's entries
     * @param maxElements in the slow mode, check at most this many elements of each input (a seeded sample)
     * @param seed        seeds the random projections, the sample of elements and second-order upstream gradients
     * @param inputNames  the inputs' names in reports, one per input; empty to name them by position
     * @param progress    told how far a check has come; {@link Progress#SILENT} by default
     */
    public record Options(double eps, double atol, double rtol, boolean fastMode, int maxElements, long seed,
                          List<String> inputNames, Progress progress) {
        /** PyTorch's defaults: eps 1e-6, atol 1e-5, rtol 1e-3; slow mode, every element, seed 42, silent. */
        public static final Options DEFAULT = new Options(1e-6, 1e-5, 1e-3);

        /** Validates the settings. */
        public Options {
            if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException("GradCheck.Options: need eps > 0, atol >= 0, rtol >= 0; got eps="
                        + eps + ", atol=" + atol + ", rtol=" + rtol);
            }
            if (maxElements < 1) {
                throw new IllegalArgumentException("GradCheck.Options: maxElements must be at least 1, got "
                        + maxElements);
            }
            inputNames = validNames(inputNames);
            if (progress == null) {
                throw new IllegalArgumentException("GradCheck.Options: progress is null; use Progress.SILENT");
            }
        }

        /** The given tolerances with the other settings at their defaults. */
        public Options(double eps, double atol, double rtol) {
            this(eps, atol, rtol, false, Integer.MAX_VALUE, DEFAULT_SEED, List.of(), Progress.SILENT);
        }

        /** These options with the finite-difference step {@code value}. */
        public Options withEps(double value) {
            return new Options(value, atol, rtol, fastMode, maxElements, seed, inputNames, progress);
        }

        /** These options with the absolute tolerance {@code value}. */
        public Options withAtol(double value) {
            return new Options(eps, value, rtol, fastMode, maxElements, seed, inputNames, progress);
        }

        /** These options with the relative tolerance {@code value}. */
        public Options withRtol(double value) {
            return new Options(eps, atol, value, fastMode, maxElements, seed, inputNames, progress);
        }

        /**
         * These options in fast mode: one random projection {@code uᵀJv} per input, compared with tolerance
         * {@code atol·Σu·Σv + rtol·|numeric|}; two evaluations per input whatever its size.
         */
        public Options withFastMode() {
            return new Options(eps, atol, rtol, true, maxElements, seed, inputNames, progress);
        }

        /** These options in the slow mode, checking a seeded sample of at most {@code count} elements per input. */
        public Options withMaxElements(int count) {
            return new Options(eps, atol, rtol, fastMode, count, seed, inputNames, progress);
        }

        /** These options with {@code value} seeding every random choice (the same seed gives the same check). */
        public Options withSeed(long value) {
            return new Options(eps, atol, rtol, fastMode, maxElements, value, inputNames, progress);
        }

        /**
         * These options with the inputs named in reports, one name per input in order (those that do not
         * require grad too): {@code withInputNames("x", "W", "b")}. No names means names by position.
         */
        public Options withInputNames(String... names) {
            if (names == null) throw new IllegalArgumentException("GradCheck.Options.withInputNames: names is null");
            return new Options(eps, atol, rtol, fastMode, maxElements, seed, Arrays.asList(names), progress);
        }

        /** These options telling {@code listener} how far a check has come. */
        public Options withProgress(Progress listener) {
            return new Options(eps, atol, rtol, fastMode, maxElements, seed, inputNames, listener);
        }

        /** The name of each of {@code count} inputs: the given names, or the positions as text. */
        String[] namesFor(int count) {
            if (inputNames.isEmpty()) {
                String[] names = new String[count];
                for (int i = 0; i < count; i++) names[i] = String.valueOf(i);
                return names;
            }
            if (inputNames.size() != count) {
                throw new IllegalArgumentException("gradCheck: " + inputNames.size() + " input names " + inputNames
                        + " for " + count + " inputs; give one name per input, in order");
            }
            return inputNames.toArray(new String[0]);
        }

        private static List<String> validNames(List<String> names) {
            if (names == null) throw new IllegalArgumentException("GradCheck.Options: inputNames is null");
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("GradCheck.Options: input name " + i + " is empty in " + names);
                }
                if (names.indexOf(name) != i) {
                    throw new IllegalArgumentException("GradCheck.Options: input name '" + name + "' is given twice in "
                            + names);
                }
            }
            return List.copyOf(names);
        }
    }

    /**
     * Told how far a check has come: {@code update(0, total)} at the start, then after each perturbed input
     * element (slow mode) or input (fast mode). Called on the checking thread.
     */
    @FunctionalInterface
    public interface Progress {
        /** Says nothing. */
        Progress SILENT = (done, total) -> { };

        /** {@code done} of {@code total} steps are finished. */
        void update(long done, long total);

        /**
         * Prints to {@code out} once a second while a check runs longer than a second, with an estimate of the
         * time left, and a last line when such a check ends; a short check prints nothing:
         * {@code gradCheck: 12,000 of 32,000 done (37%), 4.1 s so far, about 6.9 s left}.
         */
        static Progress printingTo(PrintStream out) {
            if (out == null) throw new IllegalArgumentException("GradCheck.Progress.printingTo: out is null");
            return new PrintedProgress(out, System::nanoTime);
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
     * @param worstElement  that element's index within that input, one entry per dimension (empty in fast mode)
     * @param worstOutput   the output element (flat index) of that Jacobian entry, or -1 for a projection
     * @param analytic      autograd's value at that element
     * @param numeric       the finite-difference value at that element
     * @param problem       a sentence describing the failure, or empty when the check passed
     * @param inputName     the shown input's name: the caller's (see {@link Options#withInputNames}) or its position
     * @param fastMode      whether the compared values are projections {@code uᵀJv}
     *                      (see {@link Options#withFastMode})
     * @param scope         what was compared when it was less than every Jacobian entry (output projections,
     *                      sampled elements, fast mode); empty when it was every entry
     * @param hint          a likely cause of a failure ("non-differentiable point? ..."), or empty
     */
    public record Report(boolean passed, double maxAbsError, double maxRelError, int worstInput, int[] worstElement,
                         int worstOutput, double analytic, double numeric, String problem, String inputName,
                         boolean fastMode, String scope, String hint) {
        /** A report of a full-Jacobian check with inputs named by position and no hint. */
        public Report(boolean passed, double maxAbsError, double maxRelError, int worstInput, int[] worstElement,
                      int worstOutput, double analytic, double numeric, String problem) {
            this(passed, maxAbsError, maxRelError, worstInput, worstElement, worstOutput, analytic, numeric, problem,
                    worstInput < 0 ? "" : String.valueOf(worstInput), false, "", "");
        }

        /**
         * One line: passed or FAILED with the problem, what was compared when less than every entry, the largest
         * errors, then the entry shown (on a pass the largest error, on a failure the worst violation) and a hint.
         */
        @Override
        public String toString() {
            String compared = scope.isEmpty() ? "" : " (" + scope + ")";
            String where = worstInput < 0 ? "no element compared"
                    : (passed ? "largest error at " : "worst at ")
                    + location(inputName, worstElement, worstOutput, fastMode)
                    + ": analytic " + analytic + ", numeric " + numeric;
            return (passed ? "GradCheck passed" + compared : "GradCheck FAILED" + compared + ": " + problem)
                    + "; max abs error " + maxAbsError + ", max rel error " + maxRelError + "; " + where
                    + (hint.isEmpty() ? "" : "; " + hint);
        }

        /** {@code input W element [2, 0] (output element 3)}, or the projection it stands for. */
        static String location(String inputName, int[] element, int output, boolean fastMode) {
            if (fastMode) return "input " + inputName + " (u^T J v, random u and v)";
            return "input " + inputName + " element " + Arrays.toString(element)
                    + (output >= 0 ? " (output element " + output + ")" : " (random output projection)");
        }
    }

    /** Checks {@code fn} at {@code inputs} with the default options. */
    public static Report check(TensorFunction fn, Tensor... inputs) {
        return check(fn, Options.DEFAULT, inputs);
    }

    /**
     * Checks {@code fn} at {@code inputs}: the derivatives with respect to every input that requires grad, in the
     * mode, scope and with the names that {@code options} give.
     *
     * @throws IllegalArgumentException when no input requires grad, the input names do not match the inputs, or
     *                                  the slow mode's stored rows would not fit in the free heap
     */
    public static Report check(TensorFunction fn, Options options, Tensor... inputs) {
        Tensor[] leaves = copies(inputs);
        String[] names = options.namesFor(leaves.length);
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < leaves.length; i++) if (leaves[i].requiresGrad()) targets.add(i);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("gradCheck: no input requires grad; call requiresGrad(true) on the"
                    + " inputs to check");
        }
        Tensor output = fn.apply(leaves);
        return options.fastMode() ? GradCheckFastMode.run(fn, options, leaves, targets, output, names)
                : GradCheckSlowMode.run(fn, options, leaves, targets, output, names);
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
            upstream = Tensor.randn(new Random(options.seed()), fn.apply(copies(inputs)).shape);
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
    public static Optional<Finding> locate(TensorFunction fn, Tensor... inputs) {
        return locate(fn, Options.DEFAULT, inputs);
    }

    /**
     * {@link #locate(TensorFunction, Tensor...)} with explicit options; input names, which belong to
     * {@code fn}'s inputs and not to each op's, are not used.
     */
    public static Optional<Finding> locate(TensorFunction fn, Options options, Tensor... inputs) {
        Options perOp = options.withInputNames();
        Tensor output;
        try (var anomaly = Autograd.detectAnomaly(true)) {
            output = fn.apply(copies(inputs));
        }
        List<Node> nodes = Graph.nodes(output);
        for (int position = 0; position < nodes.size(); position++) {
            Node node = nodes.get(position);
            Tensor[] local = copies(node.inputs());
            Report report = check(xs -> node.op.forward(xs), perOp, local);
            if (!report.passed()) {
                List<int[]> shapes = new ArrayList<>();
                for (Tensor x : local) shapes.add(x.shape());
                return Optional.of(new Finding(position, node.op.name(), node.describeSite(), shapes,
                        node.output().shape(), report));
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link #check(TensorFunction, Tensor...)}, but throws an {@link AssertionError} with the report on
     * failure.
     */
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

    /** Autograd's vector-Jacobian product; zeros when the output does not depend on the inputs at all. */
    static List<Tensor> backward(Tensor output, List<Tensor> wanted, Tensor seed) {
        if (!output.requiresGrad()) {
            List<Tensor> zeros = new ArrayList<>();
            for (Tensor w : wanted) zeros.add(Tensor.zeros(w.shape));
            return zeros;
        }
        return Autograd.grad(List.of(output), wanted, List.of(seed), true, false);
    }

    /** A rule that forgets to multiply by gy gives nonzero gradients for a zero upstream gradient. */
    static void checkZeroUpstream(Tensor[] leaves, List<Integer> targets, Tensor output, String[] names,
                                  GradCheckComparison comparison) {
        List<Tensor> wanted = new ArrayList<>();
        for (int t : targets) wanted.add(leaves[t]);
        List<Tensor> grads = backward(output, wanted, Tensor.zeros(output.shape));
        for (int t = 0; t < targets.size(); t++) {
            for (double v : grads.get(t).data) {
                if (v != 0) {
                    comparison.fail("a zero upstream gradient gave a nonzero gradient (" + v + ") for input "
                            + names[targets.get(t)]);
                    return;
                }
            }
        }
    }
}
