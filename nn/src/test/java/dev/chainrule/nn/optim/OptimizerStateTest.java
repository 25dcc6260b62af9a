package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Saving an optimizer's state and loading it into a fresh optimizer continues training bit for bit; the state has
 * PyTorch's names; bad state dicts are refused before anything changes.
 */
class OptimizerStateTest {
    private static final double[] START_A = {1.5, -2.0, 0.25};
    private static final double[] START_B = {0.5, 3.0};

    /** Two parameters and the quadratic loss Σ c·p² over both. */
    private record Problem(Tensor a, Tensor b) {
        static Problem of(double[] a, double[] b) {
            return new Problem(Tensor.of(a).requiresGrad(true), Tensor.of(b, 2, 1).requiresGrad(true));
        }

        List<Tensor> parameters() {
            return List.of(a, b);
        }

        void steps(Optimizer optimizer, int count) {
            for (int i = 0; i < count; i++) {
                optimizer.zeroGrad();
                a.mul(a).mul(Tensor.of(new double[] {1.0, 0.5, 3.0})).sum().add(b.mul(b).mul(2.0).sum()).backward();
                optimizer.step();
            }
        }
    }

    private static void assertResumesExactly(Function<List<Tensor>, Optimizer> factory) {
        Problem uninterrupted = Problem.of(START_A, START_B);
        Optimizer first = factory.apply(uninterrupted.parameters());
        uninterrupted.steps(first, 3);
        LinkedHashMap<String, Tensor> saved = first.stateDict();
        double[] savedA = uninterrupted.a().toArray();
        double[] savedB = uninterrupted.b().toArray();
        uninterrupted.steps(first, 2);

        Problem resumed = Problem.of(savedA, new double[] {savedB[0], savedB[1]});
        Optimizer second = factory.apply(resumed.parameters());
        second.loadStateDict(saved);
        resumed.steps(second, 2);
        assertArrayEquals(uninterrupted.a().toArray(), resumed.a().toArray(), 0.0);
        assertArrayEquals(uninterrupted.b().toArray(), resumed.b().toArray(), 0.0);
        assertEquals(first.stateDict().keySet(), second.stateDict().keySet());
        first.stateDict().forEach((name, value) ->
                assertArrayEquals(value.toArray(), second.stateDict().get(name).toArray(), 0.0, name));
    }

    @Test
    void sgdWithMomentumResumesBitForBitFromItsStateDict() {
        assertResumesExactly(ps -> new SGD(ps, SGD.Options.of(0.05).withMomentum(0.9).withWeightDecay(0.01)));
        assertResumesExactly(ps -> new SGD(ps, SGD.Options.of(0.05).withMomentum(0.9).withNesterov(true)));
    }

    @Test
    void adamAndAdamWResumeBitForBitIncludingTheStepCount() {
        assertResumesExactly(ps -> new Adam(ps, Adam.Options.DEFAULT.withLearningRate(0.1).withWeightDecay(0.1)));
        assertResumesExactly(ps -> new AdamW(ps, AdamW.Options.DEFAULT.withLearningRate(0.1)));
    }

    @Test
    void stateDictUsesPyTorchNamesByParameterIndexAndHoldsCopies() {
        Problem problem = Problem.of(START_A, START_B);
        SGD sgd = new SGD(problem.parameters(), SGD.Options.of(0.1).withMomentum(0.9));
        assertTrue(sgd.stateDict().isEmpty(), "no state before the first step");
        problem.steps(sgd, 1);
        LinkedHashMap<String, Tensor> state = sgd.stateDict();
        assertEquals(List.of("0.momentum_buffer", "1.momentum_buffer"), List.copyOf(state.keySet()));
        assertArrayEquals(new int[] {2, 1}, state.get("1.momentum_buffer").shape());
        // first step: the buffer is the gradient 2·c·p
        assertArrayEquals(new double[] {2 * 1.0 * 1.5, 2 * 0.5 * -2.0, 2 * 3.0 * 0.25}, state.get("0.momentum_buffer").toArray(), 0.0);
        double[] before = state.get("0.momentum_buffer").toArray();
        problem.steps(sgd, 1);
        assertArrayEquals(before, state.get("0.momentum_buffer").toArray(), 0.0, "a later step does not change a saved dict");

        Adam adam = new Adam(problem.parameters(), 0.1);
        problem.steps(adam, 2);
        LinkedHashMap<String, Tensor> moments = adam.stateDict();
        assertEquals(List.of("0.step", "0.exp_avg", "0.exp_avg_sq", "1.step", "1.exp_avg", "1.exp_avg_sq"),
                List.copyOf(moments.keySet()));
        assertEquals(2.0, moments.get("1.step").item(), 0.0);
        assertEquals(0, moments.get("1.step").dim());
        assertTrue(new SGD(problem.parameters(), 0.1).stateDict().isEmpty(), "plain SGD keeps no state");
    }

    @Test
    void aParameterThatNeverHadAGradientHasNoEntries() {
        Problem problem = Problem.of(START_A, START_B);
        Adam adam = new Adam(problem.parameters(), 0.1);
        problem.a().mul(problem.a()).sum().backward();
        adam.step();
        assertEquals(List.of("0.step", "0.exp_avg", "0.exp_avg_sq"), List.copyOf(adam.stateDict().keySet()));
    }

    @Test
    void badStateDictsAreRefusedNamingTheEntryAndNothingChanges() {
        Problem problem = Problem.of(START_A, START_B);
        Adam adam = new Adam(problem.parameters(), 0.1);
        problem.steps(adam, 1);
        LinkedHashMap<String, Tensor> good = adam.stateDict();

        assertEquals("Adam.loadStateDict: unknown entry '0.momentum_buffer'; expected <index>.step or <index>.exp_avg "
                        + "or <index>.exp_avg_sq with an index in [0, 2)",
                refused(adam, with(good, "0.momentum_buffer", Tensor.zeros(3))));
        assertEquals("Adam.loadStateDict: entry '2.step' names parameter 2, but there are 2 parameters",
                refused(adam, with(good, "2.step", Tensor.scalar(1))));
        LinkedHashMap<String, Tensor> partial = new LinkedHashMap<>(good);
        partial.remove("1.exp_avg_sq");
        assertEquals("Adam.loadStateDict: parameter 1 has only some of its state [step, exp_avg, exp_avg_sq]; each "
                + "parameter needs all of them or none", refused(adam, partial));
        assertEquals("Adam.loadStateDict: 1.exp_avg has shape [2] but parameter 1 has shape [2, 1]",
                refused(adam, with(good, "1.exp_avg", Tensor.zeros(2))));
        assertEquals("Adam.loadStateDict: 0.step must be a whole number in [0, 2147483647], got 1.5",
                refused(adam, with(good, "0.step", Tensor.scalar(1.5))));
        assertEquals("SGD.loadStateDict: unknown entry 'momentum_buffer'; expected <index>.momentum_buffer with an "
                        + "index in [0, 2)",
                refused(new SGD(problem.parameters(), SGD.Options.of(0.1).withMomentum(0.9)),
                        Map.of("momentum_buffer", Tensor.zeros(3))));
        assertEquals(good.keySet(), adam.stateDict().keySet());
        good.forEach((name, value) -> assertArrayEquals(value.toArray(), adam.stateDict().get(name).toArray(), 0.0));
    }

    @Test
    void anOptimizerWithoutStateRefusesANonEmptyStateDict() {
        Tensor p = Tensor.zeros(1).requiresGrad(true);
        Optimizer stateless = new AbstractOptimizer("SignSGD", List.of(p), 0.1) {
            @Override
            public void step() {
                forEachGradient((parameter, gradient) -> parameter.addInPlace(gradient.sign(), -learningRate()));
            }
        };
        assertTrue(stateless.stateDict().isEmpty());
        stateless.loadStateDict(Map.of());
        assertThrows(IllegalArgumentException.class, () -> stateless.loadStateDict(Map.of("0.x", Tensor.zeros(1))));
    }

    private static LinkedHashMap<String, Tensor> with(Map<String, Tensor> state, String name, Tensor value) {
        LinkedHashMap<String, Tensor> result = new LinkedHashMap<>(state);
        result.put(name, value);
        return result;
    }

    private static String refused(Optimizer optimizer, Map<String, Tensor> state) {
        return assertThrows(IllegalArgumentException.class, () -> optimizer.loadStateDict(state)).getMessage();
    }
}
