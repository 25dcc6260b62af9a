package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares our tensors with the PyTorch oracle's ({@code |actual − expected| ≤ atol + rtol·|expected|}) and
 * collects one sentence per disagreeing tensor: a shape mismatch, or the worst element out of tolerance.
 */
final class OracleComparison {
    final List<String> problems = new ArrayList<>();
    private final double rtol;
    private final double atol;

    OracleComparison(double rtol, double atol) {
        this.rtol = rtol;
        this.atol = atol;
    }

    void check(String what, Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            problems.add(what + ": shape " + Arrays.toString(actual.shape()) + " but PyTorch has "
                    + Arrays.toString(expected.shape()));
            return;
        }
        double[] a = actual.toArray();
        double[] e = expected.toArray();
        int worst = -1;
        double worstExcess = 0;
        int failing = 0;
        for (int i = 0; i < a.length; i++) {
            double excess = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
            if (excess > 0 || Double.isNaN(a[i]) != Double.isNaN(e[i])) {
                failing++;
                if (worst < 0 || excess > worstExcess || Double.isNaN(a[i])) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (worst >= 0) {
            problems.add(what + ": " + failing + " of " + a.length + " elements out of tolerance; worst is flat"
                    + " index " + worst + ": " + a[worst] + " but PyTorch has " + e[worst] + " (|diff| "
                    + Math.abs(a[worst] - e[worst]) + ")");
        }
    }
}
