package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * GradCheck's default mode: autograd's Jacobian against central differences, entry by entry.
 *
 * <p>The analytic side is a few rows: one backward pass per output element for outputs of at most
 * {@link GradCheck#FULL_JACOBIAN_LIMIT} elements, else {@value #RANDOM_PROJECTIONS} random output projections
 * {@code uᵀJ}. Those rows are kept for the checked elements only. The numeric side is computed one column at a
 * time (two evaluations of the function per input element) and compared at once, so the whole Jacobian is
 * never stored: memory is (rows × checked elements), and time is two evaluations per checked element.
 * {@link GradCheck.Options#withMaxElements} checks a seeded sample of each large input's elements.
 */
final class GradCheckSlowMode {
    static final int RANDOM_PROJECTIONS = 4;

    private GradCheckSlowMode() {}

    static GradCheck.Report run(TensorFunction fn, GradCheck.Options options, Tensor[] leaves, List<Integer> targets,
                                Tensor output, String[] names) {
        int m = output.data.length;
        boolean full = m <= GradCheck.FULL_JACOBIAN_LIMIT;
        int rows = full ? m : RANDOM_PROJECTIONS;
        double[][] projections = full ? null : projections(options.seed(), output.shape, rows);
        int[][] checked = checkedElements(leaves, targets, options);
        long columns = 0;
        for (int[] elements : checked) columns += elements.length;
        requireMemory(rows, columns, availableBytes());

        double[][][] analytic = analyticRows(leaves, targets, output, checked, projections, rows);
        GradCheckComparison comparison = new GradCheckComparison(options, names, shapes(leaves), false, full,
                scope(leaves, targets, checked, names, full, m));
        FiniteDifferences differences = new FiniteDifferences(fn, leaves, output.shape, options.eps());
        GradCheck.Progress progress = options.progress();
        long done = 0;
        progress.update(0, columns);
        for (int t = 0; t < targets.size(); t++) {
            for (int k = 0; k < checked[t].length; k++) {
                double[] column = differences.column(targets.get(t), checked[t][k]);
                for (int r = 0; r < rows; r++) {
                    double numeric = full ? column[r] : FiniteDifferences.dot(projections[r], column);
                    comparison.compare(targets.get(t), checked[t][k], r, analytic[t][r][k], numeric, 1);
                }
                progress.update(++done, columns);
            }
        }
        GradCheck.checkZeroUpstream(leaves, targets, output, names, comparison);
        String hint = comparison.failing().map(entry -> differences.kinkHint(entry.input(),
                FiniteDifferences.oneHot(leaves[entry.input()].data.length, entry.element()),
                full ? FiniteDifferences.oneHot(m, entry.row()) : projections[entry.row()],
                entry.tolerance())).orElse("");
        return comparison.report(hint);
    }

    /**
     * Refuses, before allocating, a Jacobian block that does not fit in the free heap.
     *
     * @throws IllegalArgumentException naming the size, the memory needed and the ways around it
     */
    static void requireMemory(long rows, long columns, long availableBytes) {
        double bytes = 8.0 * rows * columns;
        if (bytes > availableBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "gradCheck: a %,d x %,d Jacobian would"
                    + " need %s but %s of the heap is free; use GradCheck.Options.withFastMode() or"
                    + " withMaxElements(n)", rows, columns, size(bytes), size(availableBytes)));
        }
    }

    private static long availableBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    private static String size(double bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        int unit = 0;
        while (bytes >= 1000 && unit < units.length - 1) {
            bytes /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.0f %s", bytes, units[unit]);
    }

    /** Seeded Gaussian output projections, as the checker has always drawn them. */
    private static double[][] projections(long seed, int[] outputShape, int count) {
        Random random = new Random(seed);
        double[][] projections = new double[count][];
        for (int p = 0; p < count; p++) projections[p] = Tensor.randn(random, outputShape).data;
        return projections;
    }

    /** Every element of each checked input, or a seeded sample of at most maxElements of them, in order. */
    private static int[][] checkedElements(Tensor[] leaves, List<Integer> targets, GradCheck.Options options) {
        Random random = new Random(options.seed() + 1);
        int[][] checked = new int[targets.size()][];
        for (int t = 0; t < targets.size(); t++) {
            int n = leaves[targets.get(t)].data.length;
            int k = Math.min(n, options.maxElements());
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            for (int i = 0; i < k && k < n; i++) {              // partial Fisher-Yates: the first k are a sample
                int j = i + random.nextInt(n - i);
                int swap = all[i];
                all[i] = all[j];
                all[j] = swap;
            }
            checked[t] = Arrays.copyOf(all, k);
            Arrays.sort(checked[t]);
        }
        return checked;
    }

    /** analytic[t][r][k]: row r of autograd's Jacobian (or projection r of it) at checked element k of input t. */
    private static double[][][] analyticRows(Tensor[] leaves, List<Integer> targets, Tensor output, int[][] checked,
                                             double[][] projections, int rows) {
        List<Tensor> wanted = new ArrayList<>();
        for (int t : targets) wanted.add(leaves[t]);
        double[][][] analytic = new double[targets.size()][rows][];
        for (int r = 0; r < rows; r++) {
            Tensor seed = projections == null ? Tensor.zeros(output.shape)
                    : new Tensor(projections[r].clone(), output.shape.clone());
            if (projections == null) seed.data[r] = 1;
            List<Tensor> gradients = GradCheck.backward(output, wanted, seed);
            for (int t = 0; t < targets.size(); t++) {
                double[] g = gradients.get(t).data;
                double[] row = new double[checked[t].length];
                for (int k = 0; k < row.length; k++) row[k] = g[checked[t][k]];
                analytic[t][r] = row;
            }
        }
        return analytic;
    }

    private static int[][] shapes(Tensor[] leaves) {
        int[][] shapes = new int[leaves.length][];
        for (int i = 0; i < leaves.length; i++) shapes[i] = leaves[i].shape;
        return shapes;
    }

    /** What was compared when it is less than every Jacobian entry; empty when it is all of them. */
    private static String scope(Tensor[] leaves, List<Integer> targets, int[][] checked, String[] names, boolean full,
                                int m) {
        List<String> parts = new ArrayList<>();
        if (!full) {
            parts.add(String.format(Locale.ROOT, "output of %,d elements compared through %d random projections", m,
                    RANDOM_PROJECTIONS));
        }
        for (int t = 0; t < targets.size(); t++) {
            int n = leaves[targets.get(t)].data.length;
            if (checked[t].length < n) {
                parts.add(String.format(Locale.ROOT, "sampled %,d of %,d elements of input %s", checked[t].length, n,
                        names[targets.get(t)]));
            }
        }
        return String.join("; ", parts);
    }
}
