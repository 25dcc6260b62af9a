package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @Test
    void aSeriesNeedsAsManyXAsYValues() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new Plots.Series("loss", new double[] {1, 2, 3}, new double[] {0.5, 0.25}));
        assertEquals("Plots.Series: series 'loss' has 3 x values and 2 y values; each point needs both",
                error.getMessage());
    }

    @Test
    void aPanelNeedsOneCaptionPerImageOfSideSquaredValues() {
        var error = assertThrows(IllegalArgumentException.class, () -> new Plots.Panel("maps",
                List.of(new double[4], new double[4]), List.of("1"), 2, 2, 3, true));
        assertEquals("Plots.Panel 'maps': 2 images and 1 captions; each image needs one", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> new Plots.Panel("maps",
                List.of(new double[5]), List.of("1"), 2, 2, 3, true));
        assertEquals("Plots.Panel 'maps': image 0 has 5 values, expected 2*2 = 4", error.getMessage());
    }

    @Test
    void aLogarithmicChartRefusesValuesThatAreNotPositive(@TempDir Path folder) {
        var error = assertThrows(IllegalArgumentException.class, () -> Plots.logLines(folder.resolve("log.png"),
                "t", "x", "y", List.of(Plots.Series.overEpochs("norms", new double[] {1e-3, 0, 2}))));
        assertEquals("logLines: series 'norms' has y = 0.0 at point 1; a logarithmic axis needs positive values",
                error.getMessage());
    }
}
