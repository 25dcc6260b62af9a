package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private static final Tensor X = Tensor.of(new double[][] {{-2.5, -0.75, 0.3}, {0.9, 1.6, 3.0}});

    private static final Map<String, UnaryOperator<Tensor>> METHODS = Map.ofEntries(
            Map.entry("sigmoid", Tensor::sigmoid), Map.entry("tanh", Tensor::tanh), Map.entry("relu", Tensor::relu),
            Map.entry("leakyRelu", x -> x.leakyRelu(0.01)), Map.entry("elu", x -> x.elu(1.0)),
            Map.entry("selu", Tensor::selu), Map.entry("gelu", Tensor::gelu), Map.entry("geluTanh", Tensor::geluTanh),
            Map.entry("silu", Tensor::silu), Map.entry("mish", Tensor::mish), Map.entry("softplus", x -> x.softplus(1.0)),
            Map.entry("softsign", Tensor::softsign), Map.entry("hardTanh", x -> x.hardTanh(-1, 1)),
            Map.entry("sin", Tensor::sin), Map.entry("cos", Tensor::cos), Map.entry("log1p", Tensor::log1p),
            Map.entry("expm1", Tensor::expm1), Map.entry("erf", Tensor::erf));

    @Test
    void everyNameGivesTheModuleOfItsTensorMethodWithPyTorchsDefaults() {
        assertEquals(METHODS.keySet(), java.util.Set.copyOf(Activations.names()));
        Tensor positive = X.abs().add(0.1);
        for (String name : Activations.names()) {
            Tensor input = name.equals("log1p") ? positive : X;
            assertArrayEquals(METHODS.get(name).apply(input).toArray(), Activations.byName(name).forward(input).toArray(),
                    0.0, name);
        }
    }

    @Test
    void namesIgnoreCaseUnderscoresAndDashesAndTakeParameters() {
        assertArrayEquals(X.gelu().toArray(), Activations.byName("GELU").forward(X).toArray(), 0.0);
        assertArrayEquals(X.leakyRelu(0.2).toArray(), Activations.byName("leaky_relu(0.2)").forward(X).toArray(), 0.0);
        assertArrayEquals(X.hardTanh(-2, 2).toArray(), Activations.byName("hard-tanh(-2, 2)").forward(X).toArray(), 0.0);
        assertArrayEquals(X.softplus(2).toArray(), Activations.byName(" Softplus( 2 ) ").forward(X).toArray(), 0.0);
        assertArrayEquals(X.silu().toArray(), Activations.byName("swish").forward(X).toArray(), 0.0);
        assertInstanceOf(Sigmoid.class, Activations.byName("Sigmoid"));
        assertInstanceOf(ReLU.class, Activations.byName("relu"));
        assertEquals("leakyRelu", ((ActivationLayer) Activations.byName("LeakyReLU")).name());
    }

    @Test
    void aNetworkOfAnyActivationPrintsItAndTrains() {
        for (String name : List.of("gelu", "elu(0.5)", "mish", "hardTanh", "selu")) {
            Random random = new Random(3);
            Sequential net = new Sequential(new Linear(3, 4, random), Activations.byName(name), new Linear(4, 1, random));
            assertTrue(net.toString().contains(net.get(1).toString().strip()), net.toString());
            Tensor loss = net.forward(X).pow(2).mean();
            loss.backward();
            Linear first = (Linear) net.get(0);
            assertTrue(first.weight().grad().abs().sum().item() > 0, name + " passes gradient to the first layer");
        }
        assertEquals("LeakyReLU(slope=0.2)", Activations.byName("leakyRelu(0.2)").toString().strip());
        assertEquals("GELU()", Activations.gelu().toString().strip());
    }

    @Test
    void layersPassGradCheck() {
        Tensor x = Tensor.of(new double[] {-1.7, -0.4, 0.6, 2.2}).requiresGrad(true);
        for (String name : Activations.names()) {
            if (name.equals("log1p")) continue;
            Module layer = Activations.byName(name);
            GradCheck.assertPasses(xs -> layer.forward(xs[0]), x);
        }
    }

    @Test
    void badNamesAndParametersAreExplained() {
        var error = assertThrows(IllegalArgumentException.class, () -> Activations.byName("gleu"));
        assertEquals("Activations.byName: unknown activation 'gleu'; known: " + String.join(", ", Activations.names()),
                error.getMessage());
        assertEquals("Activations.byName: gelu takes at most 0 parameter(s), got 1 in 'gelu(2)'",
                assertThrows(IllegalArgumentException.class, () -> Activations.byName("gelu(2)")).getMessage());
        assertEquals("Activations.byName: parameter 'x' in 'elu(x)' is not a number",
                assertThrows(IllegalArgumentException.class, () -> Activations.byName("elu(x)")).getMessage());
        assertEquals("Activations.byName: missing ')' in 'elu(1'",
                assertThrows(IllegalArgumentException.class, () -> Activations.byName("elu(1")).getMessage());
        assertEquals("Activations.byName: hardTanh takes both bounds (min, max) or none, got 1",
                assertThrows(IllegalArgumentException.class, () -> Activations.byName("hardTanh(3)")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activations.byName(" "));
        assertThrows(IllegalArgumentException.class, () -> Activations.softplus(0));
        assertThrows(IllegalArgumentException.class, () -> Activations.hardTanh(1, -1));
    }
}
