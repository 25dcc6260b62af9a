package com.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Activation;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activations;
import dev.chainrule.nn.Module;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's checked-activation snippet, as written, from a package outside {@code dev.chainrule}. */
class ActivationsReadmeTest {
    @Test
    void aCheckedActivationRegisteredByTheUserIsKnownByName() {
        Activation softsign = Activation.checked("mySoftsign", x -> x / (1 + Math.abs(x)),
                x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));
        Activations.register(softsign);
        Module layer = Activations.byName("mySoftsign");
        List<String> names = Activations.names();
        assertEquals("mySoftsign", names.get(names.size() - 1));
        Tensor x = Tensor.of(new double[] {-3, 0, 1});
        assertArrayEquals(new double[] {-0.75, 0, 0.5}, layer.forward(x).toArray(), 1e-15);
    }
}
