package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryExampleOnOneLineEach() {
        assertEquals(0, run("--help"));
        for (Main.Example example : Main.EXAMPLES) {
            assertTrue(out().lines().anyMatch(line -> line.trim().startsWith(example.name() + " ")
                    && line.contains(example.summary())), "--help lacks a line for " + example.name() + ":\n" + out());
        }
        for (String option : new String[] {"--epochs", "--seed", "--lr", "--hidden", "--batch", "--out", "--data", "--quiet"}) {
            assertTrue(out().contains(option), "--help lacks " + option);
        }
    }

    @Test
    void unknownExampleExitsWithTwoAndNamesTheChoices() {
        assertEquals(2, run("mnist-gan"));
        assertTrue(err().contains("Unknown example 'mnist-gan'"), err());
        assertTrue(err().contains("xor, digits, overfitting, activations, gradcheck, graph, spiral, depth, regression, "
                + "mnist, cnn, names"), err());
    }

    @Test
    void malformedNumberExitsWithTwo() {
        assertEquals(2, run("digits", "--epochs", "many"));
        assertTrue(err().contains("--epochs") && err().contains("many"), err());
    }

    @Test
    void unknownOptionExitsWithTwo() {
        assertEquals(2, run("digits", "--turbo"));
        assertTrue(err().contains("Unknown option: '--turbo'"), err());
    }

    @Test
    void outOfRangeValuesExitWithTwo() {
        assertEquals(2, run("xor", "--epochs", "0"));
        assertTrue(err().contains("--epochs must be at least 1, got 0"), err());
        assertEquals(2, run("xor", "--lr", "-1"));
        assertTrue(err().contains("--lr must be a positive number, got -1.0"), err());
    }

    @Test
    void hiddenTakesAListAndRejectsBadWidthsWithTwo(@TempDir Path folder) {
        assertEquals(2, run("digits", "--hidden", "500,abc"));
        assertTrue(err().contains("Invalid value for option '--hidden'") && err().contains("'abc' is not an int"), err());
        assertEquals(2, run("digits", "--hidden", "16,0"));
        assertTrue(err().contains("--hidden must be at least 1, got 0"), err());
        assertEquals(2, run("digits", "--hidden", "16,,16"));
        assertTrue(err().contains("Invalid value for option '--hidden'"), err());
        assertEquals(2, run("depth", "--hidden", "8,8", "--quiet", "--out", folder.toString()));
        assertTrue(err().contains("depth: --hidden takes one width here (the example sets the depth itself), got 8,8"),
                err());
        assertFalse(out().contains("== depth"), "checked before the example starts: " + out());
        assertEquals(2, run("digits", "--hidden", String.join(",", java.util.Collections.nCopies(1001, "1"))));
        assertTrue(err().contains("--hidden takes at most 1000 layers, got 1001"), err());
    }

    @Test
    void hiddenListBuildsThatManyLayersAndOneWidthStillWorks(@TempDir Path folder) {
        assertEquals(0, run("digits", "--hidden", "20,12,8", "--epochs", "1", "--quiet", "--out", folder.toString()));
        assertTrue(out().contains("Summary: A 64-20-12-8-10 network"), out());
        assertEquals(0, run("digits", "--hidden", "16", "--epochs", "1", "--quiet", "--out", folder.toString()));
        assertTrue(out().contains("Summary: A 64-16-10 network"), out());
    }

    @Test
    void optionsAnExampleDoesNotUseAreRefusedBeforeItStarts() {
        assertEquals(2, run("xor", "--hidden", "8"));
        assertTrue(err().contains("xor does not use --hidden"), err());
        assertEquals(2, run("gradcheck", "--epochs", "3"));
        assertTrue(err().contains("gradcheck does not use --epochs"), err());
        assertEquals(2, run("spiral", "--data", "somewhere"));
        assertTrue(err().contains("spiral does not use --data"), err());
        assertEquals(2, run("depth", "--data", "somewhere", "--hidden", "8,8"));
        assertTrue(err().contains("depth does not use --data"), err());
        assertEquals(2, run("digits", "--activations", "gelu"));
        assertTrue(err().contains("digits does not use --activations"), err());
        assertFalse(out().contains("== "), "nothing ran: " + out());
    }

    @Test
    void activationNamesKeepTheCommasOfTheirParameters(@TempDir Path folder) {
        assertEquals(0, run("activations", "--activations", "hardTanh(-2,2),elu(0.5)", "--epochs", "1", "--hidden", "8",
                "--quiet", "--out", folder.toString()));
        assertTrue(out().contains("hardTanh(-2,2) ") && out().contains("elu(0.5) "), out());
    }

    @Test
    void missingNameExitsWithTwo() {
        assertEquals(2, run());
        assertTrue(err().contains("Missing required parameter: '<name>'"), err());
    }

    @Test
    void runsAnExampleAndEndsWithItsSummary(@TempDir Path folder) {
        assertEquals(0, run("gradcheck", "--quiet", "--out", folder.toString()));
        assertTrue(out().contains("Summary: For all 20 weights"), out());
    }
}
