package dev.chainrule.nn.metrics;

import java.util.Locale;

/** Prints a {@link ConfusionMatrix} as an aligned text table. */
final class ConfusionTable {
    private static final String CORNER = "actual\\predicted";
    private static final String PRECISION = "precision";
    private static final String RECALL = "recall";

    private ConfusionTable() {}

    static String format(ConfusionMatrix matrix) {
        int classes = matrix.classes();
        int width = cellWidth(matrix);
        StringBuilder out = new StringBuilder();
        out.append(pad(CORNER, CORNER.length()));
        for (int p = 0; p < classes; p++) out.append(' ').append(pad(Integer.toString(p), width));
        out.append(' ').append(RECALL).append('\n');
        for (int a = 0; a < classes; a++) {
            out.append(pad(Integer.toString(a), CORNER.length()));
            for (int p = 0; p < classes; p++) out.append(' ').append(pad(Long.toString(matrix.count(a, p)), width));
            out.append(' ').append(pad(ratio(matrix.recall(a)), RECALL.length())).append('\n');
        }
        out.append(pad(PRECISION, CORNER.length()));
        for (int p = 0; p < classes; p++) out.append(' ').append(pad(ratio(matrix.precision(p)), width));
        return out.append('\n').toString();
    }

    private static int cellWidth(ConfusionMatrix matrix) {
        int width = Math.max(ratio(0).length(), Integer.toString(matrix.classes() - 1).length());
        for (int a = 0; a < matrix.classes(); a++) {
            for (int p = 0; p < matrix.classes(); p++) width = Math.max(width, Long.toString(matrix.count(a, p)).length());
        }
        return width;
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
