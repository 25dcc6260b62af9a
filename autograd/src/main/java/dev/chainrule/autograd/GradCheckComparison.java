package dev.chainrule.autograd;

import java.util.Locale;
import java.util.Optional;

/**
 * The running account of a gradient check: every compared pair of analytic and numeric values goes through
 * {@link #compare}, which keeps the maxima, the count of pairs beyond tolerance, the pair furthest past its
 * tolerance and the pair with the largest error; {@link #report} turns them into a {@link GradCheck.Report}.
 */
final class GradCheckComparison {
    /**
     * One compared pair: input {@code input}, its flat element (or -1 for a random direction), the row (an output
     * element, or the index of a random output projection), both values and the tolerance they were held to.
     */
    record Entry(int input, int element, int row, double analytic, double numeric, double tolerance) {}

    private final GradCheck.Options options;
    private final String[] names;
    private final int[][] shapes;
    private final boolean fastMode;
    private final boolean rowsAreOutputs;
    private final String scope;
    private double maxAbs;
    private double maxRel;
    private long compared;
    private long beyond;
    private double worstExcess = Double.NEGATIVE_INFINITY;
    private Entry worst;
    private double largestError = -1;
    private Entry largest;
    private String problem = "";

    /**
     * @param names          the display name of each input (the caller's, or its position)
     * @param shapes         each input's shape, to turn flat elements into indices
     * @param fastMode       whether pairs are projections u^T J v rather than Jacobian entries
     * @param rowsAreOutputs whether a row is an output element (else a random output projection)
     * @param scope          what was compared, when it is less than every entry; empty otherwise
     */
    GradCheckComparison(GradCheck.Options options, String[] names, int[][] shapes, boolean fastMode,
                        boolean rowsAreOutputs, String scope) {
        this.options = options;
        this.names = names;
        this.shapes = shapes;
        this.fastMode = fastMode;
        this.rowsAreOutputs = rowsAreOutputs;
        this.scope = scope;
    }

    /** Compares one pair: passes when |analytic − numeric| ≤ atol·atolScale + rtol·|numeric|. */
    void compare(int input, int element, int row, double analytic, double numeric, double atolScale) {
        double error = Math.abs(analytic - numeric);
        if (Double.isNaN(error)) error = Double.POSITIVE_INFINITY;
        maxAbs = Math.max(maxAbs, error);
        if (numeric != 0) maxRel = Math.max(maxRel, error / Math.abs(numeric));
        double tolerance = options.atol() * atolScale + options.rtol() * Math.abs(numeric);
        double excess = error - tolerance;
        compared++;
        if (excess > 0) beyond++;
        if (excess > worstExcess || error > largestError) {
            Entry entry = new Entry(input, element, row, analytic, numeric, tolerance);
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

    /** Records a failure other than a mismatch; the first one recorded is the one reported. */
    void fail(String message) {
        if (problem.isEmpty()) problem = message;
    }

    /** The pair furthest past its tolerance, when one is past it. */
    Optional<Entry> failing() {
        return worstExcess > 0 ? Optional.of(worst) : Optional.empty();
    }

    /** On a failure the report shows the pair furthest past its tolerance; on a pass, the largest error. */
    GradCheck.Report report(String hint) {
        if (worstExcess > 0) {
            String what = fastMode ? "projections" : "compared entries";
            String message = String.format(Locale.ROOT, "analytic and numeric derivatives differ beyond atol=%s,"
                    + " rtol=%s in %,d of %,d %s", options.atol(), options.rtol(), beyond, compared, what);
            if (largest != worst) {
                message += "; the largest error, " + largestError + ", is at " + location(largest);
            }
            fail(message);
        }
        boolean passed = problem.isEmpty();
        Entry shown = passed ? largest : worst;
        if (shown == null) {
            return new GradCheck.Report(passed, maxAbs, maxRel, -1, new int[0], -1, Double.NaN, Double.NaN, problem,
                    "", fastMode, scope, hint);
        }
        return new GradCheck.Report(passed, maxAbs, maxRel, shown.input(), elementIndex(shown), outputIndex(shown),
                shown.analytic(), shown.numeric(), problem, names[shown.input()], fastMode, scope, hint);
    }

    private String location(Entry entry) {
        return GradCheck.Report.location(names[entry.input()], elementIndex(entry), outputIndex(entry), fastMode);
    }

    private int[] elementIndex(Entry entry) {
        return entry.element() < 0 ? new int[0] : unravel(entry.element(), shapes[entry.input()]);
    }

    private int outputIndex(Entry entry) {
        return rowsAreOutputs && !fastMode ? entry.row() : -1;
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
