package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names and shapes of a set of tensors in a fixed order, and the flat {@code double[]} that holds their values
 * one after another (each row-major). Parameters travel between the driver and the tasks this way: the layout once,
 * then one vector per step; gradients come back in the same layout.
 *
 * <pre>{@code
 * TensorLayout layout = TensorLayout.of(model.namedParameters());   // [0.weight [64, 32], 0.bias [32], ...]
 * double[] flat = layout.flatten(model.namedParameters());
 * model.loadStateDict(layout.unflatten(flat));
 * }</pre>
 */
public final class TensorLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[][] shapes;
    private final int[] offsets;
    private final int size;

    private TensorLayout(String[] names, int[][] shapes) {
        this.names = names;
        this.shapes = shapes;
        this.offsets = new int[names.length];
        long total = 0;
        for (int i = 0; i < names.length; i++) {
            offsets[i] = (int) total;
            total += numel(shapes[i]);
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("TensorLayout: more than " + (Integer.MAX_VALUE - 8)
                        + " values do not fit one Java array");
            }
        }
        this.size = (int) total;
    }

    /** The layout of {@code tensors}, in the map's iteration order (a module's registration order). */
    public static TensorLayout of(Map<String, Tensor> tensors) {
        String[] names = new String[tensors.size()];
        int[][] shapes = new int[tensors.size()][];
        int i = 0;
        for (var entry : tensors.entrySet()) {
            names[i] = entry.getKey();
            shapes[i] = entry.getValue().shape();
            i++;
        }
        return new TensorLayout(names, shapes);
    }

    /** The empty layout (no tensors, a vector of length 0). */
    public static TensorLayout empty() {
        return new TensorLayout(new String[0], new int[0][]);
    }

    /** The total number of values, the length of a flat vector. */
    public int size() {
        return size;
    }

    /** The number of tensors. */
    public int count() {
        return names.length;
    }

    /** The names, in order. */
    public List<String> names() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    /** The shape of tensor {@code i}. */
    public int[] shape(int i) {
        return shapes[i].clone();
    }

    /** Where tensor {@code i} starts in a flat vector. */
    public int offset(int i) {
        return offsets[i];
    }

    /**
     * The values of {@code tensors}, which must have exactly this layout's names (in any order) and shapes, as one
     * vector in this layout's order.
     *
     * @throws IllegalArgumentException naming a missing name, an unexpected one or a shape that differs
     */
    public double[] flatten(Map<String, Tensor> tensors) {
        check(tensors);
        double[] flat = new double[size];
        for (int i = 0; i < names.length; i++) {
            double[] values = tensors.get(names[i]).toArray();
            System.arraycopy(values, 0, flat, offsets[i], values.length);
        }
        return flat;
    }

    /**
     * The gradients of {@code parameters} (this layout's names and shapes) as one vector; a parameter without a
     * gradient contributes zeros.
     */
    public double[] flattenGradients(Map<String, Tensor> parameters) {
        check(parameters);
        double[] flat = new double[size];
        for (int i = 0; i < names.length; i++) {
            Tensor gradient = parameters.get(names[i]).grad();
            if (gradient == null) continue;
            double[] values = gradient.toArray();
            System.arraycopy(values, 0, flat, offsets[i], values.length);
        }
        return flat;
    }

    /**
     * New tensors, by name in this layout's order, holding the values of {@code flat}.
     *
     * @throws IllegalArgumentException when the vector's length is not {@link #size()}
     */
    public LinkedHashMap<String, Tensor> unflatten(double[] flat) {
        if (flat.length != size) {
            throw new IllegalArgumentException("TensorLayout.unflatten: a vector of " + flat.length
                    + " values for a layout of " + size + " (" + this + ")");
        }
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            tensors.put(names[i], Tensor.of(Arrays.copyOfRange(flat, offsets[i], offsets[i] + (int) numel(shapes[i])), shapes[i]));
        }
        return tensors;
    }

    private void check(Map<String, Tensor> tensors) {
        List<String> missing = new ArrayList<>();
        for (String name : names) if (!tensors.containsKey(name)) missing.add(name);
        List<String> unexpected = new ArrayList<>();
        List<String> known = Arrays.asList(names);
        for (String name : tensors.keySet()) if (!known.contains(name)) unexpected.add(name);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("TensorLayout: the tensors do not match the layout: missing " + missing
                    + ", unexpected " + unexpected);
        }
        for (int i = 0; i < names.length; i++) {
            int[] shape = tensors.get(names[i]).shape();
            if (!Arrays.equals(shape, shapes[i])) {
                throw new IllegalArgumentException("TensorLayout: " + names[i] + " has shape " + Arrays.toString(shape)
                        + " but the layout says " + Arrays.toString(shapes[i]));
            }
        }
    }

    private static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorLayout that && Arrays.equals(names, that.names)
                && Arrays.deepEquals(shapes, that.shapes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.deepHashCode(shapes);
    }

    /** For example {@code [0.weight [64, 32], 0.bias [32]] (2,080 values)}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) out.append(", ");
            out.append(names[i]).append(' ').append(Arrays.toString(shapes[i]));
        }
        return out.append("] (").append(String.format(Locale.ROOT, "%,d", size)).append(" values)").toString();
    }
}
