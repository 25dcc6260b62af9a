package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named tensors as a layout and one flat vector (an optimizer's state on its way to or from a task). */
record NamedVector(TensorLayout layout, double[] values) implements Serializable {
    static NamedVector empty() {
        return new NamedVector(TensorLayout.empty(), new double[0]);
    }

    static NamedVector of(Map<String, Tensor> tensors) {
        TensorLayout layout = TensorLayout.of(tensors);
        return new NamedVector(layout, layout.flatten(tensors));
    }

    LinkedHashMap<String, Tensor> toMap() {
        return layout.unflatten(values);
    }
}
