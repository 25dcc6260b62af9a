package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What travels of a model, by name: its parameters and its buffers (state such as BatchNorm's running statistics,
 * see {@code Module.registerBuffer}), each as a {@link TensorLayout} whose values go as one flat vector per step, and
 * which buffers hold whole numbers ({@code Module.integerBufferNames()}, written as I64 in checkpoints). A model
 * without buffers has an empty buffer layout, and a vector of length 0.
 *
 * @param parameters     the layout of {@code Module.namedParameters()}
 * @param buffers        the layout of {@code Module.namedBuffers()}
 * @param integerBuffers the names of the integer buffers, in state-dict order
 */
record ModelLayout(TensorLayout parameters, TensorLayout buffers, List<String> integerBuffers) implements Serializable {
    ModelLayout {
        integerBuffers = List.copyOf(integerBuffers);
    }

    /** The layout of {@code model}'s parameters and buffers. */
    static ModelLayout of(Module model) {
        return new ModelLayout(TensorLayout.of(model.namedParameters()), TensorLayout.of(model.namedBuffers()),
                List.copyOf(model.integerBufferNames()));
    }

    /** New tensors holding these values, by name: the parameters, then the buffers; what {@code loadStateDict} takes. */
    LinkedHashMap<String, Tensor> state(double[] parameterValues, double[] bufferValues) {
        LinkedHashMap<String, Tensor> state = parameters.unflatten(parameterValues);
        state.putAll(buffers.unflatten(bufferValues));
        return state;
    }

    /** For each element of a flat buffer vector, whether it belongs to an integer buffer. */
    boolean[] integerMask() {
        boolean[] mask = new boolean[buffers.size()];
        for (int i = 0; i < buffers.count(); i++) {
            if (!integerBuffers.contains(buffers.names().get(i))) continue;
            int from = buffers.offset(i);
            int to = i + 1 < buffers.count() ? buffers.offset(i + 1) : buffers.size();
            for (int j = from; j < to; j++) mask[j] = true;
        }
        return mask;
    }
}
