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

    @Test
    void anAttentionMapHasOneCellPerPairOfCharactersAndRefusesAnotherSize(@TempDir Path folder) throws Exception {
        double[] weights = {1, 0, 0.3, 0.7};
        Path file = Plots.attention(folder.resolve("attention.png"), "", ".a", List.of(weights, weights),
                List.of("block 1", "block 2"));
        int side = Plots.ATTENTION_LABEL + 2 * Plots.ATTENTION_CELL;
        TestSupport.assertPng(file, 2 * (side + 3 * Plots.GAP) + Plots.GAP,
                Plots.TITLE_HEIGHT + Plots.HEADING_HEIGHT + side + Plots.GAP);
        var error = assertThrows(IllegalArgumentException.class, () -> Plots.attention(folder.resolve("bad.png"),
                "", ".ab", List.of(weights), List.of("block 1")));
        assertEquals("Plots.attention: a map has 4 weights, expected 3*3 for '.ab'", error.getMessage());
    }
}
