package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradCheckExampleTest {
    @Test
    void correctDerivationsAgreeAndThePlantedMistakeIsCaught(@TempDir Path folder) throws Exception {
        var sink = new ByteArrayOutputStream();
        GradCheckExample.Result result = GradCheckExample.run(TestSupport.quiet(folder, sink));
        assertEquals(20, result.weights());
        assertTrue(result.maxRelErrorHand() < 1e-6, "hand " + result.maxRelErrorHand());
        assertTrue(result.maxRelErrorAutograd() < 1e-6, "autograd " + result.maxRelErrorAutograd());
        assertTrue(result.plantedCaught());
        assertTrue(result.maxRelErrorPlanted() > 0.1, "planted " + result.maxRelErrorPlanted());
        assertTrue(result.plantedWrongEntries() > 0);
        assertTrue(result.gradCheckPassed());
        assertEquals("sigmoid_without_derivative", result.locatedOp());
        String printed = sink.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("W[0][0]") && printed.contains("V[3][1]") && printed.contains("<- WRONG"), printed);
    }

    @Test
    void handFormulasMatchAutogradExactlyEnough() {
        var random = new java.util.Random(5);
        double[][] x = new double[GradCheckExample.N][GradCheckExample.D];
        double[][] t = new double[GradCheckExample.N][GradCheckExample.K];
        double[][] w = new double[GradCheckExample.D][GradCheckExample.H];
        double[][] v = new double[GradCheckExample.H][GradCheckExample.K];
        for (double[][] m : new double[][][] {x, w, v}) for (double[] row : m) for (int j = 0; j < row.length; j++) row[j] = random.nextGaussian();
        for (double[] row : t) row[random.nextInt(GradCheckExample.K)] = 1;
        var hand = GradCheckExample.handDerived(x, t, w, v, true);
        var auto = GradCheckExample.autograd(x, t, w, v);
        for (int i = 0; i < GradCheckExample.D; i++) {
            for (int j = 0; j < GradCheckExample.H; j++) assertEquals(auto.dw()[i][j], hand.dw()[i][j], 1e-12);
        }
    }
}
