package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpiralExampleTest {
    @Test
    void twoHiddenLayersSeparateTheSpirals(@TempDir Path folder) throws Exception {
        SpiralExample.Result result = SpiralExample.run(TestSupport.quiet(folder, new ByteArrayOutputStream())
                .withEpochs(150));
        assertTrue(result.accuracy() >= 0.95, "accuracy " + result.accuracy());
        // The first picture before training, five during it, and the loss curve.
        assertEquals(7, result.files().size());
        for (int epoch : new int[] {0, 30, 60, 90, 120, 150}) {
            TestSupport.assertPng(folder.resolve(String.format("spiral-epoch-%04d.png", epoch)), Plots.BOUNDARY_SIZE,
                    Plots.BOUNDARY_SIZE);
        }
    }

    @Test
    void noLinearModelSeparatesThem() throws Exception {
        var data = SpiralExample.spirals(42);
        var model = new dev.chainrule.nn.Sequential(new dev.chainrule.nn.Linear(2, 1, 0L), new dev.chainrule.nn.Sigmoid());
        var history = dev.chainrule.nn.train.Trainer.of(model, new dev.chainrule.nn.optim.Adam(model.parameters(), 0.05),
                        dev.chainrule.nn.train.LossFunction.ofTargets(dev.chainrule.nn.loss.Losses::binaryCrossEntropy))
                .fit(dev.chainrule.nn.data.DataLoader.of(data, 300), 200);
        assertTrue(history.last().trainAccuracy() < 0.8, "a line got " + history.last().trainAccuracy());
    }
}
