package dev.chainrule.autograd;

/**
 * Prints tensors the way NumPy does: nested brackets, one common number width, rows aligned, and only the
 * first and last {@value #EDGE} entries of each dimension (with "...") when there are more than
 * {@value #THRESHOLD} elements.
 */
final class TensorFormat {
    static final int THRESHOLD = 1000;
    static final int EDGE = 3;

    private TensorFormat() {}

    static String format(Tensor t) {
        boolean summarise = t.data.length > THRESHOLD;
        java.util.List<Integer> shown = new java.util.ArrayList<>();
        if (t.shape.length == 0) {
            shown.add(0);
        } else {
            collectShown(t.shape, 0, 0, summarise, shown);
        }
        double[] values = new double[shown.size()];
        for (int i = 0; i < values.length; i++) values[i] = t.data[shown.get(i)];
        boolean scientific = useScientific(values);
        String[] cells = new String[t.data.length];
        int width = 0;
        for (int at : shown) {
            cells[at] = number(t.data[at], scientific);
            width = Math.max(width, cells[at].length());
        }
        StringBuilder out = new StringBuilder("tensor(");
        if (t.shape.length == 0) {
            out.append(cells[0]);
        } else {
            append(out, t.shape, 0, 0, cells, width, summarise, "tensor(".length());
        }
        out.append(", shape=").append(Shapes.format(t.shape));
        if (t.requiresGrad()) out.append(t.node != null ? ", gradFn=" + t.node.op.name() : ", requiresGrad=true");
        return out.append(')').toString();
    }

    /** The flat offsets that will be printed: all of them, or the first and last EDGE of each dimension. */
    private static void collectShown(int[] shape, int dim, int offset, boolean summarise, java.util.List<Integer> out) {
        int n = shape[dim];
        int stride = Shapes.inner(shape, dim);
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) i = n - EDGE;
            if (dim == shape.length - 1) {
                out.add(offset + i);
            } else {
                collectShown(shape, dim + 1, offset + i * stride, summarise, out);
            }
        }
    }

    private static void append(StringBuilder out, int[] shape, int dim, int offset, String[] cells, int width,
                               boolean summarise, int indent) {
        int n = shape[dim];
        int stride = Shapes.inner(shape, dim);
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                out.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = n - EDGE;
            }
            if (dim == shape.length - 1) {
                String cell = cells[offset + i];
                out.append(" ".repeat(width - cell.length())).append(cell);
            } else {
                append(out, shape, dim + 1, offset + i * stride, cells, width, summarise, indent);
            }
            if (i < n - 1) {
                out.append(',');
                if (dim == shape.length - 1) {
                    out.append(' ');
                } else {
                    out.append("\n".repeat(shape.length - dim - 1)).append(" ".repeat(indent + dim + 1));
                }
            }
        }
        out.append(']');
    }

    private static boolean useScientific(double[] values) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            double a = Math.abs(v);
            if (!Double.isFinite(a) || a == 0) continue;
            max = Math.max(max, a);
            min = Math.min(min, a);
        }
        return max >= 1e8 || (min < 1e-4 && max > 0);
    }

    private static String number(double v, boolean scientific) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (scientific) return String.format(java.util.Locale.ROOT, "%.4e", v);
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
