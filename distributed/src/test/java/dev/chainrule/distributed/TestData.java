package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Tanh;
import dev.chainrule.nn.data.Dataset;
import java.util.Random;

/** Small models and data for the tests: everything serializable and built from seeds. */
final class TestData {
    static final int FEATURES = 6;
    static final int CLASSES = 3;

    private TestData() {}

    /** 6-16-3 with tanh, weights from fixed seeds. */
    static ModelFactory model() {
        return () -> new Sequential(new Linear(FEATURES, 16, new Random(1)), new Tanh(), new Linear(16, CLASSES, new Random(2)));
    }

    /**
     * Three Gaussian blobs; block b has {@code rows + b % 3} rows drawn from seed 100 + b, except block
     * {@code emptyBlock}, which has none (-1 for no empty block).
     */
    static BlockGenerator blobs(int rows, int emptyBlock) {
        return (block, numBlocks) -> {
            if (block == emptyBlock) return Dataset.ofLabels(Tensor.zeros(0, FEATURES), new int[0]);
            Random random = new Random(100 + block);
            int n = rows + block % 3;
            double[] x = new double[n * FEATURES];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(CLASSES);
                for (int j = 0; j < FEATURES; j++) {
                    x[i * FEATURES + j] = random.nextGaussian() + (j % CLASSES == labels[i] ? 2.0 : 0.0);
                }
            }
            return Dataset.ofLabels(Tensor.of(x, n, FEATURES), labels);
        };
    }

    /** Asserts two vectors are the same bits, naming the first element that differs. */
    static void assertSameBits(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": lengths " + expected.length + " and " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " differs: " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    static void assertSameResult(TrainingResult expected, TrainingResult actual) {
        assertSameBits(expected.parameters(), actual.parameters(), "parameters");
        assertSameBits(expected.buffers(), actual.buffers(), "buffers");
        assertSameBits(expected.losses(), actual.losses(), "losses");
        if (!expected.optimizerState().keySet().equals(actual.optimizerState().keySet())) {
            throw new AssertionError("optimizer state names " + expected.optimizerState().keySet() + " vs "
                    + actual.optimizerState().keySet());
        }
        expected.optimizerState().forEach((name, value) ->
                assertSameBits(value.toArray(), actual.optimizerState().get(name).toArray(), "optimizer state " + name));
    }
}
