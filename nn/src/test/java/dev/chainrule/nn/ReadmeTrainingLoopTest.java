package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.io.Checkpoint;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.metrics.Metrics;
import dev.chainrule.nn.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop README.md shows, on synthetic data of the digits' shape, learns and checkpoints. */
class ReadmeTrainingLoopTest {

    @Test
    void theReadmeLoopLearnsSeparableClassesAndSavesACheckpoint(@TempDir Path dir) throws Exception {
        Random dataRandom = new Random(1);
        int n = 400;
        double[] pixels = new double[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int p = 0; p < 64; p++) {
                pixels[i * 64 + p] = (p % 10 == labels[i] ? 1.0 : 0.0) + 0.3 * dataRandom.nextGaussian();
            }
        }
        Tensor features = Tensor.of(pixels, n, 64);

        Random random = new Random(42);
        Dataset data = Dataset.ofLabels(features, labels);
        Dataset.Split split = data.splitAt(320);
        Module net = new Sequential(
                new Linear(64, 500, random), new Sigmoid(),
                new Linear(500, 10, random));
        SGD optimizer = new SGD(net.parameters(), SGD.Options.of(0.1).withMomentum(0.9));
        DataLoader loader = DataLoader.of(split.train(), 32).shuffle(7);

        double accuracy = 0;
        for (int epoch = 1; epoch <= 10; epoch++) {
            for (Batch batch : loader) {
                Tensor loss = Losses.crossEntropy(net.forward(batch.features()), batch.labels());
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
            }
            try (var off = Autograd.noGrad()) {
                Dataset test = split.validation();
                accuracy = Metrics.accuracy(net.forward(test.features()), test.labels());
            }
        }
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);

        Path file = dir.resolve("digits.safetensors");
        Checkpoint.save(net, file);
        Module copy = new Sequential(new Linear(64, 500, new Random(0)), new Sigmoid(), new Linear(500, 10, new Random(0)));
        Checkpoint.load(copy, file);
        assertTrue(Files.size(file) > 8 * 37_510);
        assertArrayEquals(net.parameters().get(0).toArray(), copy.parameters().get(0).toArray(), 0.0);
    }
}
