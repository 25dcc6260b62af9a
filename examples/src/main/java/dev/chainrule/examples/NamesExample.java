package dev.chainrule.examples;

import static dev.chainrule.examples.NameData.IGNORED;
import static dev.chainrule.examples.NameData.VOCABULARY;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.loss.Reduction;
import dev.chainrule.nn.optim.AdamW;
import dev.chainrule.nn.optim.CosineAnnealing;
import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.train.TrainingHistory;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Character-level language models of first names, after Karpathy's makemore: each model reads a name one character
 * at a time and scores the next one; the score of a model is its cross-entropy on names it never saw, in nats per
 * character (the boundary token that ends each name counts as a character). Lower means the model finds the next
 * letter less surprising; {@code ln 27 = 3.30} is a uniform guess.
 *
 * <p>The models, from the same seed on the same batches (see {@link NameModels}): a bigram table of counts, which
 * sees one character; Bengio et al.'s MLP over the last three characters with an embedding; an LSTM, whose state
 * carries the whole prefix; and a small causal transformer, which attends to the whole prefix. The neural models train on whole names padded to the context length
 * (the longest name + 1), with the positions after a name's end left out of the loss, by AdamW with a cosine
 * learning rate. Then each writes {@value #SAMPLES} new names, drawn character by character from its own
 * probabilities.
 *
 * <p>Pictures: the validation loss of every model over the epochs, and the transformer's attention on one
 * validation name. Data: the bundled 8,403 names (see {@link NameData}), or {@code --data FILE}, a text file of
 * lower-case names, one per line; either is split 80/10/10 with a fixed seed.
 */
public final class NamesExample {
    /** The example's name, which prefixes every file written. */
    static final String NAME = "names";
    /** Default epochs of every neural model. */
    static final int EPOCHS = 10;
    /** Default mini-batch size, in names. */
    static final int BATCH = 32;
    /** AdamW's starting learning rate, unless {@code --lr} sets another. */
    static final double LEARNING_RATE = 3e-3;
    /** AdamW's weight decay. */
    static final double WEIGHT_DECAY = 0.01;
    /** The cosine schedule ends at the starting learning rate times this. */
    static final double FINAL_LEARNING_RATE_FACTOR = 0.1;
    /** New names each model writes. */
    static final int SAMPLES = 20;
    /** Names per forward pass when evaluating, which needs no graph. */
    static final int EVALUATION_BATCH = 1000;
    /** The attention picture shows the first validation name at least this long. */
    static final int SHOWN_NAME_LENGTH = 6;
    /** The name of the counted model, which does not train. */
    static final String BIGRAM = "bigram";

    private NamesExample() {}

    /**
     * A neural model of the comparison.
     *
     * @param name        its name in the table and the pictures
     * @param description one line saying what it sees
     * @param build       makes the model, drawing its initial weights from the given {@code Random}
     */
    record Contender(String name, String description, Function<Random, Module> build) {}

    /** The names as token sequences: the three parts of the split, and the context length they are padded to. */
    record Sequences(Dataset train, Dataset validation, Dataset test, int context) {}

    /** The neural models for names of up to {@code context − 1} letters, in the order they train. */
    static List<Contender> contenders(int context) {
        return List.of(
                new Contender("mlp", "Bengio et al.'s MLP: the last 3 characters embedded in 10 numbers each, "
                        + "one tanh layer of 200", random -> new NameModels.ContextMlp(10, 200, random)),
                new Contender("lstm", "an LSTM of 128 units over characters embedded in 32 numbers",
                        random -> new NameModels.Lstm(32, 128, random)),
                new Contender("transformer", "a causal transformer: 2 pre-norm blocks of 4 heads, width 64, GELU",
                        random -> new NameModels.TinyGpt(context, 64, 4, 2, 0.0, random)));
    }

    /**
     * One model's numbers.
     *
     * @param trainLoss       cross-entropy on the training names, nats per character
     * @param validationCurve the validation loss after each epoch (the bigram's, which does not train, repeated)
     * @param seconds         the time to count or train it
     * @param samples         the {@value #SAMPLES} names it wrote
     */
    record Report(String model, long parameters, double trainLoss, double validationLoss, double testLoss,
                  double[] validationCurve, double seconds, List<String> samples) {}

    /**
     * What the run found.
     *
     * @param names   how many names were read
     * @param context the longest name + 1: the most tokens a model reads
     * @param reports one per model: the bigram first, then the neural models
     * @param seconds wall-clock time of the whole run
     * @param files   the pictures: validation curves, attention
     */
    record Result(int names, int context, List<Report> reports, double seconds, List<Path> files)
            implements ExampleResult {
        @Override
        public String summary() {
            List<String> losses = reports.stream().map(r -> String.format(Locale.ROOT, "%s %.3f", r.model(),
                    r.validationLoss())).toList();
            return String.format(Locale.ROOT, "%d models learned to spell first names from %,d examples, one "
                    + "character at a time. Validation loss in nats per character: %s (a uniform guess: %.3f). The "
                    + "more of the name a model sees, the less the next letter surprises it. %.1f s in all; the "
                    + "curves and the transformer's attention are in %s.", reports.size(), names,
                    String.join(", ", losses), Math.log(VOCABULARY), seconds, files.get(0).getParent());
        }
    }

    /** Counts the bigram, trains the neural models, compares them and lets each write new names. */
    public static Result run(ExampleOptions options) throws IOException {
        long start = System.nanoTime();

        // 1. The data: names split 80/10/10, each a row of tokens padded to the context length.
        List<String> names = options.data() == null ? NameData.bundled() : NameData.read(options.data());
        NameData.Split split = NameData.split(names, NameData.SPLIT_SEED);
        int context = NameData.contextFor(names);
        var data = new Sequences(NameData.sequences(split.train(), context),
                NameData.sequences(split.validation(), context), NameData.sequences(split.test(), context), context);
        options.println("Data: %,d names (%s), split %,d / %,d / %,d for training, validation and test; %,d "
                + "characters to predict in training.", names.size(), options.data() == null ? "bundled"
                : options.data(), split.train().size(), split.validation().size(), split.test().size(),
                NameData.characters(split.train()));
        options.println("Tokens: '.' (0, the start and end of a name) and a-z (1..26). Context: %d tokens, the "
                + "longest name + 1. 'emma' is read as . e m m a and must predict e m m a .", context);

        // 2. The baseline: which letter follows which, counted over the training names.
        long bigramStart = System.nanoTime();
        NameModels.Bigram bigram = NameModels.Bigram.count(split.train());
        double bigramSeconds = seconds(bigramStart);
        int epochs = options.epochsOr(EPOCHS);
        List<Report> reports = new ArrayList<>();
        reports.add(report(BIGRAM, bigram, null, epochs, bigramSeconds, data, options.seed()));
        options.println("bigram: counts of each pair of tokens, add-one smoothed; validation loss %.4f.",
                reports.get(0).validationLoss());

        // 3. The neural models, from the same seed on the same batches: AdamW, the learning rate annealed along a
        //    cosine, the loss counted over the characters of each name and not the padding after it.
        NameModels.TinyGpt transformer = null;
        for (Contender contender : contenders(context)) {
            Module model = contender.build().apply(new Random(options.seed()));
            options.println("%s: %s; %,d parameters.", contender.name(), contender.description(),
                    model.numParameters());
            long trainingStart = System.nanoTime();
            TrainingHistory history = train(model, data.train(), data.validation(), epochs, contender.name(),
                    options);
            reports.add(report(contender.name(), model, history, epochs, seconds(trainingStart), data,
                    options.seed()));
            if (model instanceof NameModels.TinyGpt gpt) transformer = gpt;
        }

        // 4. The comparison, in nats per character.
        options.println("%n%-12s %10s %8s %10s %8s %8s", "model", "parameters", "train", "validation", "test",
                "seconds");
        for (Report r : reports) {
            options.println("%-12s %,10d %8.4f %10.4f %8.4f %8.1f", r.model(), r.parameters(), r.trainLoss(),
                    r.validationLoss(), r.testLoss(), r.seconds());
        }

        // 5. New names, drawn one character at a time from each model's probabilities, from the same seed.
        Set<String> known = new HashSet<>(split.train());
        for (Report r : reports) {
            long fresh = r.samples().stream().filter(s -> !known.contains(s)).count();
            options.println("%n%s (%d of %d not among the training names):%n  %s", r.model(), fresh,
                    r.samples().size(), String.join(" ", r.samples()));
        }

        // 6. Pictures: the validation curves, and where the transformer looks when it reads a name.
        List<Path> files = new ArrayList<>();
        files.add(drawCurves(options, reports));
        if (transformer != null) files.add(drawAttention(options, transformer, split.validation()));
        return new Result(names.size(), context, reports, seconds(start), files);
    }

    /** Trains {@code model} for {@code epochs} with AdamW and a cosine learning rate, validating after each. */
    static TrainingHistory train(Module model, Dataset train, Dataset validation, int epochs, String name,
                                 ExampleOptions options) {
        double learningRate = options.learningRateOr(LEARNING_RATE);
        AdamW adamW = new AdamW(model.parameters(), AdamW.Options.DEFAULT.withLearningRate(learningRate)
                .withWeightDecay(WEIGHT_DECAY));
        var schedule = new CosineAnnealing(adamW, epochs, learningRate * FINAL_LEARNING_RATE_FACTOR);
        Trainer trainer = Trainer.of(model, adamW, LossFunction.ofTargets(NamesExample::characterLoss));
        // One validation batch of every name, so that the validation loss is the exact mean per character.
        DataLoader validationLoader = DataLoader.of(validation, validation.size());
        try (Progress progress = new Progress(NAME + " " + name, epochs, options)) {
            return trainer.listener(result -> schedule.step()).listener(progress)
                    .fit(DataLoader.of(train, options.batchSizeOr(BATCH)).shuffle(options.seed()), validationLoader,
                            epochs);
        }
    }

    /** The mean cross-entropy per character: {@link #characterLoss(Tensor, Tensor, Reduction)} averaged. */
    static Tensor characterLoss(Tensor logits, Tensor targets) {
        return characterLoss(logits, targets, Reduction.MEAN);
    }

    /**
     * The cross-entropy of logits {@code [N, T, 27]} against targets {@code [N, T]} at the positions that hold a
     * character; the {@value NameData#IGNORED} targets after each name's end are left out.
     */
    static Tensor characterLoss(Tensor logits, Tensor targets, Reduction reduction) {
        double[] values = targets.toArray();
        int[] positions = IntStream.range(0, values.length).filter(i -> values[i] != IGNORED).toArray();
        int[] classes = Arrays.stream(positions).map(i -> (int) values[i]).toArray();
        Tensor scores = logits.reshape(values.length, VOCABULARY).indexSelect(0, positions);
        return Losses.crossEntropy(scores, classes, reduction);
    }

    /** The cross-entropy of {@code model} on {@code data}, in nats per character, without a graph. */
    static double natsPerCharacter(Module model, Dataset data) {
        double total = 0;
        long characters = 0;
        model.eval();
        try (var off = Autograd.noGrad()) {
            for (var batch : DataLoader.of(data, EVALUATION_BATCH)) {
                Tensor targets = batch.targets();
                total += characterLoss(model.forward(batch.features()), targets, Reduction.SUM).item();
                characters += Arrays.stream(targets.toArray()).filter(t -> t != IGNORED).count();
            }
        }
        return total / characters;
    }

    /** The losses of {@code model} (trained or counted) on the three parts, and its samples from {@code seed}. */
    private static Report report(String name, Module model, TrainingHistory history, int epochs, double seconds,
                                 Sequences data, long seed) {
        double validationLoss = natsPerCharacter(model, data.validation());
        double[] curve = history == null ? IntStream.range(0, epochs).mapToDouble(e -> validationLoss).toArray()
                : Plots.column(history, EpochResult::validationLoss);
        return new Report(name, model.numParameters(), natsPerCharacter(model, data.train()), validationLoss,
                natsPerCharacter(model, data.test()), curve, seconds,
                sample(model, SAMPLES, data.context(), new Random(seed)));
    }

    /**
     * {@code count} names written by {@code model}: from the start token, each next token drawn from the model's
     * probabilities after the tokens so far, until it draws the end token or the name fills the context.
     */
    static List<String> sample(Module model, int count, int context, Random random) {
        List<String> names = new ArrayList<>();
        model.eval();
        try (var off = Autograd.noGrad()) {
            for (int i = 0; i < count; i++) names.add(sampleOne(model, context, random));
        }
        return names;
    }

    private static String sampleOne(Module model, int context, Random random) {
        StringBuilder name = new StringBuilder();
        double[] tokens = new double[context];
        for (int length = 1; length < context; length++) {
            Tensor logits = model.forward(Tensor.of(Arrays.copyOf(tokens, length), 1, length));
            double[] probabilities = logits.slice(1, length - 1, length).reshape(VOCABULARY).softmax(0).toArray();
            int next = draw(probabilities, random);
            if (next == 0) break;
            tokens[length] = next;
            name.append(NameData.character(next));
        }
        return name.toString();
    }

    /** An index drawn with the given probabilities. */
    private static int draw(double[] probabilities, Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) return i;
        }
        return probabilities.length - 1;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The validation loss of every model over the epochs; the bigram, which does not train, as a dashed line. */
    private static Path drawCurves(ExampleOptions options, List<Report> reports) {
        List<Plots.Series> series = new ArrayList<>();
        for (Report r : reports) {
            Plots.Series curve = Plots.Series.overEpochs(r.model(), r.validationCurve());
            series.add(r.model().equals(BIGRAM)
                    ? new Plots.Series("bigram (counts, no training)", curve.x(), curve.y(), Color.GRAY,
                    Plots.Line.DASHED) : curve);
        }
        return Plots.lines(options.outFile(NAME + "-validation-loss.png"), "Validation loss of each model",
                "epoch", "nats per character", series);
    }

    /** The transformer's attention on the first validation name of {@value #SHOWN_NAME_LENGTH} letters or more. */
    private static Path drawAttention(ExampleOptions options, NameModels.TinyGpt transformer, List<String> names) {
        String name = names.stream().filter(n -> n.length() >= SHOWN_NAME_LENGTH).findFirst().orElse(names.get(0));
        String read = NameData.BOUNDARY + name;
        double[] tokens = read.chars().mapToDouble(c -> NameData.token((char) c)).toArray();
        List<Tensor> weights;
        transformer.eval();
        try (var off = Autograd.noGrad()) {
            weights = transformer.attentionWeights(Tensor.of(tokens, 1, tokens.length));
        }
        List<double[]> maps = weights.stream().map(Tensor::toArray).toList();
        List<String> headings = IntStream.range(0, maps.size())
                .mapToObj(i -> "block " + (i + 1) + " (mean of the heads)").toList();
        return Plots.attention(options.outFile(NAME + "-attention.png"), "Transformer attention reading '" + name
                + "': row = the position predicting the next letter, column = the position it looks at", read,
                maps, headings);
    }
}
