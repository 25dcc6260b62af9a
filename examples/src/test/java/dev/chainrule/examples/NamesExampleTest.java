package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.train.TrainingHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesExampleTest {
    /** 96 bundled names, from the start of the training split. */
    private static final List<String> FEW = NameData.split(NameData.bundled(), NameData.SPLIT_SEED).train()
            .subList(0, 96);
    private static final int CONTEXT = NameData.contextFor(FEW);

    /** Every model of the example: the bigram counted over {@link #FEW}, then the neural ones from seed 1. */
    private static List<Module> models() {
        List<Module> models = new ArrayList<>(List.of(NameModels.Bigram.count(FEW)));
        for (var contender : NamesExample.contenders(CONTEXT)) models.add(contender.build().apply(new Random(1)));
        return models;
    }

    /** Quiet options with batches of 16 names. */
    private static ExampleOptions quiet(Path out) {
        return new ExampleOptions(null, 42, null, null, 16, null, out, null, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void theBundledNamesAreLowerCaseAndSplit80To10To10() {
        List<String> names = NameData.bundled();
        assertEquals(8403, names.size());
        assertEquals(14, NameData.contextFor(names));
        NameData.Split split = NameData.split(names, NameData.SPLIT_SEED);
        assertEquals(6722, split.train().size());
        assertEquals(841, split.validation().size());
        assertEquals(840, split.test().size());
        assertEquals(split, NameData.split(names, NameData.SPLIT_SEED));
    }

    @Test
    void aNameIsReadFromTheStartTokenAndPredictsItsLettersThenTheEnd() {
        Dataset data = NameData.sequences(List.of("emma"), 6);
        assertArrayEquals(new double[] {0, 5, 13, 13, 1, 0}, data.features().toArray());
        assertArrayEquals(new double[] {5, 13, 13, 1, 0, NameData.IGNORED}, data.targets().toArray());
        assertEquals(5, NameData.characters(List.of("emma")));
        var error = assertThrows(IllegalArgumentException.class, () -> NameData.sequences(List.of("emma"), 4));
        assertEquals("NameData.sequences: 'emma' needs a context of 5, got 4", error.getMessage());
    }

    @Test
    void aNamesFileWithAnythingButLowerCaseLettersIsRefusedWithItsLine(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("names.txt");
        Files.writeString(file, "anna\n\nbob\nMary\n");
        var error = assertThrows(IllegalArgumentException.class, () -> NameData.read(file));
        assertEquals(file + ": line 4 holds 'Mary'; names must be lower-case a-z only", error.getMessage());
    }

    @Test
    void theLossCountsTheCharactersOfEachNameAndNotThePaddingAfterIt() {
        Dataset data = NameData.sequences(List.of("ab", "c"), 4);        // targets: a b . - / c . - -
        Tensor logits = Tensor.randn(new Random(3), 2, 4, NameData.VOCABULARY);
        Tensor expected = Losses.crossEntropy(logits.reshape(8, NameData.VOCABULARY).indexSelect(0, 0, 1, 2, 4, 5),
                new int[] {1, 2, 0, 3, 0});
        assertEquals(expected.item(), NamesExample.characterLoss(logits, data.targets()).item(), 1e-12);
        Tensor paddingChanged = logits.add(Tensor.of(new double[] {0, 0, 0, 9, 0, 0, 9, 9}, 2, 4, 1));
        assertEquals(expected.item(), NamesExample.characterLoss(paddingChanged, data.targets()).item(), 1e-12);
    }

    @Test
    void theBigramIsTheSmoothedShareOfEachPair() {
        var bigram = NameModels.Bigram.count(List.of("ab", "ab", "b"));
        Tensor logP = bigram.forward(Tensor.of(new double[] {0, 1}, 1, 2));   // after '.' and after 'a'
        // After '.': "a" twice and "b" once among 3 starts, each count + 1, over 3 + 27.
        assertEquals(Math.log(3.0 / 30), logP.get(0, 0, 1), 1e-12);
        assertEquals(Math.log(2.0 / 30), logP.get(0, 0, 2), 1e-12);
        assertEquals(Math.log(3.0 / 29), logP.get(0, 1, 2), 1e-12);             // "ab" twice after 'a', 2 + 27
        assertEquals(1, logP.exp().sum(2).get(0, 0), 1e-12);
        assertEquals(0, bigram.parameters().stream().filter(Tensor::requiresGrad).count(), "counted, not trained");
    }

    @Test
    void noModelLooksAtALaterPositionButEachSeesTheCurrentOne() {
        double[] tokens = {0, 5, 13, 13, 1, 0, 0};
        for (Module model : models()) {
            model.eval();
            Tensor before = model.forward(Tensor.of(tokens, 1, tokens.length));
            double[] changed = tokens.clone();
            changed[4] = 26;
            Tensor after = model.forward(Tensor.of(changed, 1, tokens.length));
            for (int t = 0; t <= 4; t++) {
                boolean same = before.slice(1, t, t + 1).sub(after.slice(1, t, t + 1)).abs().max().item() < 1e-12;
                assertEquals(t < 4, same, model.getClass().getSimpleName() + " at position " + t);
            }
        }
    }

    @Test
    void everyNeuralModelsLossFallsInAFewSteps(@TempDir Path out) {
        Dataset train = NameData.sequences(FEW, CONTEXT);
        for (var contender : NamesExample.contenders(CONTEXT)) {
            Module model = contender.build().apply(new Random(1));
            double before = NamesExample.natsPerCharacter(model, train);
            TrainingHistory history = NamesExample.train(model, train, train, 3, contender.name(),
                    quiet(out));
            double after = NamesExample.natsPerCharacter(model, train);
            assertTrue(after < before - 0.1, contender.name() + ": " + before + " -> " + after);
            assertEquals(after, history.last().validationLoss(), 1e-9, contender.name());
        }
    }

    @Test
    void samplingFromTheSameSeedWritesTheSameNames() {
        for (Module model : models()) {
            List<String> first = NamesExample.sample(model, 5, CONTEXT, new Random(7));
            assertEquals(first, NamesExample.sample(model, 5, CONTEXT, new Random(7)));
            assertNotEquals(first, NamesExample.sample(model, 5, CONTEXT, new Random(8)));
            for (String name : first) {
                assertTrue(name.matches("[a-z]*") && name.length() < CONTEXT, model + " wrote '" + name + "'");
            }
        }
    }

    @Test
    void aRunOnAFileComparesTheModelsAndDrawsItsPictures(@TempDir Path data, @TempDir Path out) throws Exception {
        Path file = data.resolve("names.txt");
        Files.write(file, FEW);
        var sink = new ByteArrayOutputStream();
        NamesExample.Result result = NamesExample.run(new ExampleOptions(2, 42, null, null, 16, null, out, file, true,
                new PrintStream(sink, true, StandardCharsets.UTF_8)));
        assertEquals(96, result.names());
        assertEquals(CONTEXT, result.context());
        assertEquals(List.of("bigram", "mlp", "lstm", "transformer"),
                result.reports().stream().map(NamesExample.Report::model).toList());
        for (NamesExample.Report report : result.reports()) {
            assertEquals(NamesExample.SAMPLES, report.samples().size(), report.model());
            assertEquals(2, report.validationCurve().length, report.model());
            assertTrue(report.trainLoss() < Math.log(NameData.VOCABULARY), report.model() + " " + report.trainLoss());
        }
        String printed = sink.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Data: 96 names (" + file + "), split 77 / 9 / 10"), printed);
        assertTrue(printed.contains("model        parameters    train validation     test  seconds"), printed);
        assertTrue(printed.contains("bigram              729"), printed);
        assertTrue(result.summary().contains("Validation loss in nats per character: bigram "), result.summary());
        TestSupport.assertPng(out.resolve("names-validation-loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        assertTrue(Files.isRegularFile(out.resolve("names-attention.png")));
        assertEquals(List.of(out.resolve("names-validation-loss.png"), out.resolve("names-attention.png")),
                result.files());
    }

    @Test
    void theArchitecturesAreFixedSoHiddenIsRefused() {
        var err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"names", "--hidden", "100"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("names does not use --hidden"), err.toString());
    }
}
