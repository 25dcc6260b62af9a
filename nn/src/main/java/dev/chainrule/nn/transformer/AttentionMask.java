package dev.chainrule.nn.transformer;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/**
 * Which keys a query may attend to, in one of PyTorch's two forms: a boolean mask, where non-zero (PyTorch's
 * {@code True}) means "may not attend", or an additive float mask added to the attention scores before the softmax
 * ({@code −∞} blocks a key, other values bias it). Our tensors hold doubles, so the form is said by the factory, not
 * by a dtype.
 *
 * <p>Attention blocks a key exactly: its weight is 0 and its gradient 0. A query that may attend to no key at all
 * (every key blocked, for instance by a padding mask over a whole sequence) gets all-zero weights and a zero
 * attention output before the output projection, rather than PyTorch's NaN (see {@link Tensor#softmax(int, Tensor)}).
 *
 * <pre>{@code
 * AttentionMask causal = AttentionMask.causal(32);                 // query i sees keys 0..i
 * AttentionMask padding = AttentionMask.ofBoolean(isPadding);      // [N, S], 1 where the key is padding
 * }</pre>
 */
public final class AttentionMask {
    private final Tensor values;
    private final boolean additive;

    private AttentionMask(Tensor values, boolean additive) {
        this.values = values;
        this.additive = additive;
    }

    /**
     * A boolean mask: where {@code blocked} is non-zero the key may not be attended to. Its values must be 0 or 1.
     *
     * @throws IllegalArgumentException naming the first value that is neither
     */
    public static AttentionMask ofBoolean(Tensor blocked) {
        double[] data = blocked.toArray();
        for (int i = 0; i < data.length; i++) {
            if (data[i] != 0 && data[i] != 1) {
                throw new IllegalArgumentException("AttentionMask.ofBoolean: values must be 0 or 1 (1 = may not "
                        + "attend), found " + data[i] + " at flat index " + i + " of shape "
                        + Arrays.toString(blocked.shape()) + "; use ofAdditive for a float mask");
            }
        }
        return new AttentionMask(blocked.detach(), false);
    }

    /**
     * An additive float mask: added to the scores before the softmax; {@code −∞} blocks a key. NaN and {@code +∞}
     * are refused.
     *
     * @throws IllegalArgumentException naming the first NaN or {@code +∞}
     */
    public static AttentionMask ofAdditive(Tensor scores) {
        double[] data = scores.toArray();
        for (int i = 0; i < data.length; i++) {
            if (Double.isNaN(data[i]) || data[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("AttentionMask.ofAdditive: found " + data[i] + " at flat index " + i
                        + " of shape " + Arrays.toString(scores.shape()) + "; use finite values or −∞");
            }
        }
        return new AttentionMask(scores.detach(), true);
    }

    /**
     * The causal mask of a sequence of {@code size}: query i may attend to keys {@code 0..i}, never a later one
     * (PyTorch's {@code Transformer.generate_square_subsequent_mask}, as a boolean mask).
     *
     * @throws IllegalArgumentException when size is not positive
     */
    public static AttentionMask causal(int size) {
        if (size <= 0) throw new IllegalArgumentException("AttentionMask.causal: size must be positive, got " + size);
        double[] blocked = new double[size * size];
        for (int i = 0; i < size; i++) for (int j = i + 1; j < size; j++) blocked[i * size + j] = 1;
        return new AttentionMask(Tensor.of(blocked, size, size), false);
    }

    /** The mask's values: 0/1 for a boolean mask, score offsets for an additive one. */
    public Tensor values() {
        return values;
    }

    /** Whether this mask is added to the scores (true) or blocks where non-zero (false). */
    public boolean isAdditive() {
        return additive;
    }

    /** The mask's shape. */
    public int[] shape() {
        return values.shape();
    }

    /** {@code values} reshaped for scores {@code [N, heads, L, S]} (the values are shared, not copied). */
    AttentionMask reshaped(int... shape) {
        return new AttentionMask(values.reshape(shape), additive);
    }

    /** 1 where this mask blocks a key: a boolean mask's values, or an additive mask's {@code −∞} entries. */
    Tensor blocked() {
        return additive ? values.eq(Double.NEGATIVE_INFINITY) : values;
    }

    /** The finite offsets of an additive mask ({@code −∞} entries set to 0; the block does the rest). */
    Tensor offsets() {
        return values.maskedFill(blocked(), 0);
    }

    @Override
    public String toString() {
        return (additive ? "additive" : "boolean") + " AttentionMask" + Arrays.toString(values.shape());
    }
}
