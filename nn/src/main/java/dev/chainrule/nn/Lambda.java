package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A module made from any function of one tensor, so a new activation is one line:
 * <pre>{@code
 * Module swish = new Lambda("Swish", x -> x.mul(x.sigmoid()));
 * new Sequential(new Linear(4, 8, new Random(0)), swish, new Linear(8, 1, new Random(1)));
 * }</pre>
 * The function must be built from Tensor ops (or be an {@link dev.chainrule.autograd.Activation}, which defines
 * an activation from f and f'), so that it is differentiable; it has no parameters. It prints as {@code Swish()}.
 */
public final class Lambda extends Module {
    private final String name;
    private final UnaryOperator<Tensor> function;

    /**
     * A module that applies {@code function}, printed as {@code name()}.
     *
     * @throws IllegalArgumentException when the name is empty
     */
    public Lambda(String name, UnaryOperator<Tensor> function) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("Lambda: the name must not be empty");
        this.name = name;
        this.function = Objects.requireNonNull(function, "Lambda: function");
    }

    @Override
    public Tensor forward(Tensor input) {
        return function.apply(input);
    }

    /** The name it prints with. */
    public String name() {
        return name;
    }

    @Override
    protected String describe() {
        return name + "()";
    }
}
