package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.function.UnaryOperator;

/**
 * A parameter-free element-wise activation made by {@link Activations}, such as {@code GELU()} or
 * {@code LeakyReLU(slope=0.2)}. Any shape in, the same shape out. {@link #name()} is its key in
 * {@link Activations#byName}, so a network's activations can be listed and compared by name; the parameters
 * ({@code slope=0.2}) are in its {@code toString()}, not in the name.
 */
public final class ActivationLayer extends Module {
    private final String name;
    private final String description;
    private final UnaryOperator<Tensor> function;

    ActivationLayer(String name, String description, UnaryOperator<Tensor> function) {
        this.name = name;
        this.description = description;
        this.function = function;
    }

    @Override
    public Tensor forward(Tensor input) {
        return function.apply(input);
    }

    /** The name {@link Activations#byName} knows it by, e.g. {@code "leakyRelu"}. */
    public String name() {
        return name;
    }

    @Override
    protected String describe() {
        return description;
    }
}
