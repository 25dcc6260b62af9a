package dev.chainrule.distributed;

import dev.chainrule.nn.Module;
import java.io.Serializable;

/**
 * Makes a user-defined activation module where a sweep's task runs (a serializable supplier), for the activations
 * that nn's {@code Activations.byName} does not know:
 * <pre>{@code
 * ActivationFactory bent = () -> new Lambda("BentIdentity", x -> x.mul(x).add(1).sqrt().sub(1).div(2).add(x));
 * }</pre>
 */
@FunctionalInterface
public interface ActivationFactory extends Serializable {
    /** A new module. */
    Module create();
}
