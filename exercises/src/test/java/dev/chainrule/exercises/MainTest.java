package dev.chainrule.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
    void listNamesEveryExerciseAndItsInterface() {
        assertEquals(0, run("list"));
        assertTrue(out().contains(" 1  the sigmoid's derivative") && out().contains("implement HessianVectorProduct"),
                out());
        assertEquals(Exercises.all().size(), out().lines().count());
    }

    @Test
    void showPrintsTheStatement() {
        assertEquals(0, run("show", "5"));
        assertTrue(out().startsWith("Exercise 5: softmax with cross-entropy") && out().contains("SoftmaxCrossEntropy"),
                out());
    }

    @Test
    void checkPassesTheReferenceSolutionAndExitsZero() {
        assertEquals(0, run("check", "1", "--class", "dev.chainrule.exercises.solutions.SigmoidDerivativeSolution"));
        assertTrue(out().contains("Exercise 1 (the sigmoid's derivative): passed"), out());
    }

    @Test
    void badCommandLinesExitWithTwoAndSayWhy() {
        assertEquals(2, run("show", "12"));
        assertTrue(err().contains("exercises: no exercise 12; they are numbered 1 to 11"), err());
        assertEquals(2, run("check", "2", "--class", "dev.chainrule.exercises.solutions.SigmoidDerivativeSolution"));
        assertTrue(err().contains("does not implement dev.chainrule.exercises.SigmoidCrossEntropy"), err());
        assertEquals(2, run("check", "2", "--class", "com.example.Missing"));
        assertTrue(err().contains("class com.example.Missing not found"), err());
    }
}
