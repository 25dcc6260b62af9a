package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Activation;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /** The built-ins come first in {@link Activations#names()}; other tests may have registered more. */
    private static List<String> builtInNames() {
        return Activations.names().subList(0, METHODS.size());
    }

    @Test
    void everyNameGivesTheModuleOfItsTensorMethodWithPyTorchsDefaults() {
        assertEquals(METHODS.keySet(), java.util.Set.copyOf(builtInNames()));
        Tensor positive = X.abs().add(0.1);
        for (String name : builtInNames()) {
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
        for (String name : builtInNames()) {
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

    private static final Activation SOFTSIGN_TWO = Activation.checked("softsignTwo", x -> x / (1 + Math.abs(x)),
            x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));

    @Test
    void aRegisteredActivationJoinsByNameAndNamesAfterTheBuiltIns() {
        Activations.register(SOFTSIGN_TWO);
        List<String> names = Activations.names();
        assertEquals(METHODS.keySet(), java.util.Set.copyOf(names.subList(0, METHODS.size())));
        assertTrue(names.indexOf("softsignTwo") >= METHODS.size(), names.toString());
        Module layer = Activations.byName("SOFTSIGN_TWO");
        assertEquals("softsignTwo", ((ActivationLayer) layer).name());
        assertEquals("softsignTwo()", layer.toString().strip());
        assertArrayEquals(X.softsign().toArray(), layer.forward(X).toArray(), 1e-15);
        assertTrue(Activations.byName("softsignTwo") != layer, "a new module each time");
        Tensor x = Tensor.of(new double[] {-1.7, -0.4, 0.6, 2.2}).requiresGrad(true);
        GradCheck.assertPasses(xs -> Activations.byName("softsignTwo").forward(xs[0]), x);
    }

    @Test
    void aRegisteredActivationTakesItsParametersFromTheName() {
        Activations.register("scaledTanh", 1,
                p -> new Lambda("ScaledTanh", x -> x.tanh().mul(p.length > 0 ? p[0] : 1)));
        assertArrayEquals(X.tanh().mul(1.7).toArray(), Activations.byName("scaledTanh(1.7)").forward(X).toArray(),
                0.0);
        assertArrayEquals(X.tanh().toArray(), Activations.byName("scaledTanh").forward(X).toArray(), 0.0);
        assertEquals("Activations.byName: scaledTanh takes at most 1 parameter(s), got 2 in 'scaledTanh(1, 2)'",
                assertThrows(IllegalArgumentException.class, () -> Activations.byName("scaledTanh(1, 2)"))
                        .getMessage());
    }

    @Test
    void builtInDuplicateAndMalformedNamesAreRefused() {
        String builtIn = "Activations.register: '%s' is the name of a built-in activation; choose another name";
        for (String name : List.of("gelu", "GELU", "leaky_relu", "swish")) {
            assertEquals(String.format(builtIn, name), assertThrows(IllegalArgumentException.class,
                    () -> Activations.register(name, Activations::gelu)).getMessage());
        }
        Activations.register("twiceTanh", () -> new Lambda("TwiceTanh", x -> x.tanh().mul(2)));
        assertEquals("Activations.register: 'Twice-Tanh' is already registered as 'twiceTanh' (names ignore case, '_'"
                + " and '-'); choose another name", assertThrows(IllegalArgumentException.class,
                () -> Activations.register("Twice-Tanh", Activations::gelu)).getMessage());
        for (String name : java.util.Arrays.asList("my act", "act(2)", "2act", "", null)) {
            assertEquals("Activations.register: the name '" + name + "' must be a letter followed by letters, digits,"
                    + " '_' or '-'", assertThrows(IllegalArgumentException.class,
                    () -> Activations.register(name, Activations::gelu)).getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Activations.register("noFactory", null));
        assertThrows(IllegalArgumentException.class, () -> Activations.register((Activation) null));
        assertEquals("Activations.register: the factory of 'returnsNull' returned null for no parameters; it must"
                + " return a module", assertThrows(IllegalArgumentException.class,
                () -> Activations.register("returnsNull", () -> null)).getMessage());
        assertFalse(Activations.names().contains("returnsNull"));
    }

    @Test
    void registeringFromManyThreadsKeepsEveryNameOnceAndGivesAContestedNameToOneThread() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        Activations.register("threaded" + thread + "x" + i, Activations::silu);
                        Activations.byName("threaded" + thread + "x" + i);
                        Activations.names();
                    }
                    try {
                        Activations.register("contested", Activations::silu);
                        return true;
                    } catch (IllegalArgumentException taken) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
        List<String> names = Activations.names();
        assertEquals(names.size(), java.util.Set.copyOf(names).size(), "no name twice");
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < 20; i++) assertTrue(names.contains("threaded" + t + "x" + i));
        }
    }
}
