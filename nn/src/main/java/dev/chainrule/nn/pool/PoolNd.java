package dev.chainrule.nn.pool;

import dev.chainrule.autograd.Pooling;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * What the window pooling layers share: their {@link Pooling.Options} (PyTorch's {@code kernel_size}, {@code stride},
 * {@code padding}, {@code dilation}, {@code count_include_pad}), no parameters, and errors that name the layer.
 */
public abstract class PoolNd extends Module {
    private final Pooling.Options options;
    private final BiFunction<Tensor, Pooling.Options, Tensor> function;

    /** A layer applying {@code function} with {@code options}. */
    protected PoolNd(Pooling.Options options, BiFunction<Tensor, Pooling.Options, Tensor> function) {
        if (options == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": options are null");
        this.options = options;
        this.function = function;
    }

    @Override
    public final Tensor forward(Tensor input) {
        try {
            return function.apply(input, options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
    }

    /** The window options. */
    public final Pooling.Options options() {
        return options;
    }

    @Override
    protected String describe() {
        StringBuilder out = new StringBuilder(getClass().getSimpleName()).append("(kernelSize=")
                .append(Arrays.toString(options.kernelSize()));
        if (options.stride() != null) out.append(", stride=").append(Arrays.toString(options.stride()));
        if (Arrays.stream(options.padding()).anyMatch(p -> p != 0)) {
            out.append(", padding=").append(Arrays.toString(options.padding()));
        }
        if (Arrays.stream(options.dilation()).anyMatch(d -> d != 1)) {
            out.append(", dilation=").append(Arrays.toString(options.dilation()));
        }
        if (!options.countIncludePad()) out.append(", countIncludePad=false");
        return out.append(')').toString();
    }
}
