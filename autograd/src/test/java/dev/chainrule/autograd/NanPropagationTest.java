package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * NaN propagates as in PyTorch: walking the {@link OpCases} table, a NaN planted in any input element makes every
 * output element that depends on that input element NaN. An output element depends on it when moving the element
 * to other values (far and near, both signs) changes the output; so {@code pow(0)}, the unselected branch of
 * {@code where} and the zeroed triangle of {@code tril} (which PyTorch leaves NaN-free too) are rightly exempt.
 */
class NanPropagationTest {

    /** Values the planted element is moved to, to find the outputs that depend on it. */
    private static final double[] PROBES = {-1e6, -1.3, 0.45, 1.7, 1e6};

    /**
     * Lines where PyTorch itself does not give NaN in every dependent output: sort and topk order NaN above every
     * number, so it moves the others and then appears once ({@link SortingTest} pins where).
     */
    private static final Set<String> EXCEPTIONS = Set.of("sort(axis,descending)", "sort()", "topk(k,axis,largest)",
            "topk(k)");

    @Test
    void aNanInputMakesEveryOutputThatDependsOnItNaN() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (var off = Autograd.noGrad()) {
            for (int line = 0; line < OpCases.ALL.size(); line++) {
                OpCase op = OpCases.ALL.get(line);
                if (EXCEPTIONS.contains(op.name())) continue;
                for (int draw = 0; draw < 2; draw++) {
                    OpCase.Sample sample = op.sample(new Random(31L * line + draw));
                    checked += plantEverywhere(sample, failures);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        assertTrue(checked > 1000, "only " + checked + " dependent outputs checked");
    }

    /** Plants NaN at each element of each input in turn; returns the number of dependent outputs checked. */
    private static int plantEverywhere(OpCase.Sample sample, List<String> failures) {
        TensorFunction f = sample.function();
        Tensor[] inputs = sample.inputs();
        double[] base = f.apply(copies(inputs, -1, 0, 0)).toArray();
        int checked = 0;
        for (int input = 0; input < inputs.length; input++) {
            for (int at = 0; at < inputs[input].numel(); at++) {
                boolean[] dependent = new boolean[base.length];
                for (double probe : PROBES) {
                    double[] moved = f.apply(copies(inputs, input, at, probe)).toArray();
                    for (int k = 0; k < base.length; k++) dependent[k] |= differ(base[k], moved[k]);
                }
                double[] planted = f.apply(copies(inputs, input, at, Double.NaN)).toArray();
                for (int k = 0; k < base.length; k++) {
                    if (!dependent[k]) continue;
                    checked++;
                    if (!Double.isNaN(planted[k])) {
                        failures.add(sample + ": NaN at input " + input + " element " + at + " gave " + planted[k]
                                + " at output element " + k);
                        return checked;
                    }
                }
            }
        }
        return checked;
    }

    private static boolean differ(double a, double b) {
        return a != b && !(Double.isNaN(a) && Double.isNaN(b));
    }

    /** Fresh copies of the inputs (views share storage), with element {@code at} of input {@code which} set. */
    private static Tensor[] copies(Tensor[] inputs, int which, int at, double value) {
        Tensor[] result = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            double[] values = inputs[i].toArray();
            if (i == which) values[at] = value;
            result[i] = OpCase.tensor(values, inputs[i].shape());
        }
        return result;
    }

    // ---------------------------------------------------------------- the ops the issue names, by hand

    @Test
    void reluClampHardTanhAndLeakyReluOfNanAreNan() {
        Tensor x = Tensor.of(new double[] {Double.NaN, -1, 2});
        for (Tensor y : List.of(x.relu(), x.clamp(-0.5, 0.5), x.hardTanh(), x.leakyRelu(), x.elu(), x.softplus(),
                x.mish(), x.gelu())) {
            assertTrue(Double.isNaN(y.toArray()[0]), y.toString());
            assertTrue(Double.isFinite(y.toArray()[1]) && Double.isFinite(y.toArray()[2]), y.toString());
        }
    }

    @Test
    void maxMinArgmaxAndMaximumLetNanWinAsPyTorch() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 3});
        assertTrue(Double.isNaN(x.max().item()));
        assertTrue(Double.isNaN(x.min().item()));
        assertEquals(1, x.argmax().item());
        assertEquals(1, x.argmin().item());
        assertTrue(Double.isNaN(x.maximum(Tensor.scalar(10)).toArray()[1]));
        assertTrue(Double.isNaN(x.minimum(Tensor.scalar(-10)).toArray()[1]));
        assertTrue(Double.isNaN(x.norm(Double.POSITIVE_INFINITY).item()));
        assertTrue(Double.isNaN(x.logsumexp(0).item()));
        double[] pooled = Pooling.maxPool1d(x.reshape(1, 1, 3), 2).toArray();
        assertTrue(Double.isNaN(pooled[0]), java.util.Arrays.toString(pooled));
    }

    @Test
    void whereMaskedFillAndPowZeroDropANanThatIsNotSelectedAsPyTorch() {
        Tensor x = Tensor.of(new double[] {Double.NaN, 2});
        assertArrayEquals(new double[] {7, 2}, Tensor.where(Tensor.of(new double[] {0, 1}), x, Tensor.scalar(7))
                .toArray());
        assertArrayEquals(new double[] {-1, 2}, x.maskedFill(Tensor.of(new double[] {1, 0}), -1).toArray());
        assertArrayEquals(new double[] {1, 1}, x.pow(0).toArray());
        assertArrayEquals(new double[] {1, 0, 3, 4}, Tensor.of(new double[] {1, Double.NaN, 3, 4}, 2, 2).tril()
                .toArray());
    }
}
