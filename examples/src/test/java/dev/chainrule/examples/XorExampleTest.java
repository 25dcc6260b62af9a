package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XorExampleTest {
    @Test
    void onlyTheFeatureAndTheNetworkSolveXor(@TempDir Path folder) throws Exception {
        XorExample.Result result = XorExample.run(TestSupport.quiet(folder, new ByteArrayOutputStream()));
        assertTrue(result.logisticCorrect() <= 3, "a line cannot get all four: " + result.logisticCorrect());
        assertEquals(4, result.handCorrect());
        assertEquals(4, result.networkCorrect());
        for (int i = 0; i < 4; i++) {
            assertEquals(XorExample.XOR[i], result.networkOutputs()[i], 0.1, "case " + i);
            assertEquals(3, result.hiddenFeatures()[i].length);
        }
        assertEquals(4, result.exerciseCorrect(), "the hand-set bias-free units compute XOR");
        assertEquals(XorExample.STARTS, result.starts());
        assertTrue(result.biasedLearned() > result.biasFreeLearned(), "biases make training more reliable: "
                + result.biasedLearned() + " biased against " + result.biasFreeLearned() + " bias-free");
        TestSupport.assertPng(folder.resolve("xor-network.png"), Plots.BOUNDARY_SIZE, Plots.BOUNDARY_SIZE);
        TestSupport.assertPng(folder.resolve("xor-logistic.png"), Plots.BOUNDARY_SIZE, Plots.BOUNDARY_SIZE);
    }

    @Test
    void theNetworkLearnsXorFromOtherSeedsToo(@TempDir Path folder) throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            ExampleOptions options = new ExampleOptions(null, seed, null, null, null, null, folder, null, true,
                    new java.io.PrintStream(new ByteArrayOutputStream()));
            assertEquals(4, XorExample.run(options).networkCorrect(), "seed " + seed);
        }
    }
}
