package dev.chainrule.distributed;

import dev.chainrule.nn.Module;
import java.io.Serializable;

/**
 * Builds a fresh model: how a task gets a model without a live {@link Module} ever being shipped. Spark serializes
 * the factory (not the model); each task calls it once and then loads the broadcast parameter and buffer vectors,
 * so the factory's own initialisation matters only on the driver, where it gives the starting parameters and
 * buffers. Tasks run the model in the mode the factory leaves it in (training mode unless it calls {@code eval()}).
 *
 * <pre>{@code
 * ModelFactory factory = () -> new Sequential(new Linear(64, 32, new Random(1)), new Sigmoid(),
 *         new Linear(32, 10, new Random(2)));
 * }</pre>
 *
 * <p>A lambda is serializable when its target type is, as here, and when everything it captures is: capture
 * numbers and strings, not a module, a tensor or an {@code Options} record (build those inside the lambda). The
 * model must be a pure function of its parameters and buffers: a module with its own random state, such as
 * {@code Dropout}, would draw masks that depend on which executor thread ran which block.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    /** A new model; the same architecture (names and shapes of parameters and buffers) on every call. */
    Module create();
}
