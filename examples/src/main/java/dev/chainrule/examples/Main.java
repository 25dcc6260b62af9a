package dev.chainrule.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The examples' command line: {@code chainrule-examples <name> [options]}. {@code --help} lists the examples;
 * an unknown name or a bad option prints what is wrong and exits with code 2.
 */
@Command(name = "chainrule-examples", mixinStandardHelpOptions = true, version = "chainrule-examples 0.1.0",
        sortOptions = false, usageHelpWidth = 100,
        description = "Runs one of the examples of the feed-forward network tutorial. Pictures go to --out.")
public final class Main implements Callable<Integer> {
    /** Exit code for an unknown example or a bad option (picocli's usage error). */
    public static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;
    /** The most hidden layers {@code --hidden} may list. */
    static final int MAX_HIDDEN_LAYERS = 1000;

    /**
     * An example: its name on the command line, one line saying what it shows, how to run it, the optional options
     * it uses (any other one given is refused rather than silently ignored), and a check of the values it cannot
     * use; both are run before anything is printed.
     */
    record Example(String name, String summary, Runner runner, Set<String> uses, Check check) {
        Example(String name, String summary, Runner runner, Set<String> uses) {
            this(name, summary, runner, uses, options -> {});
        }
    }

    /** The options every training example uses. */
    private static final Set<String> TRAINING = Set.of("--epochs", "--lr", "--hidden", "--batch");

    @FunctionalInterface
    interface Runner {
        ExampleResult run(ExampleOptions options) throws Exception;
    }

    /** Throws {@link UsageError} for options the example cannot use. */
    @FunctionalInterface
    interface Check {
        void check(ExampleOptions options);
    }

    /** Every example, in the order of the tutorial. */
    static final List<Example> EXAMPLES = List.of(
            new Example("xor", "XOR: a line fails, a hand-made feature and a 2-3-1 net succeed",
                    XorExample::run, Set.of("--epochs", "--lr")),
            new Example("digits", "main demo: a 64-500-10 network reads handwritten digits",
                    DigitsExample::run, with(TRAINING, "--data")),
            new Example("overfitting", "memorising a small slice; weight decay, dropout, early stop",
                    OverfittingExample::run, Set.of("--epochs", "--lr", "--hidden")),
            new Example("activations", "activations compared: built-ins, any by name, two custom ones",
                    ActivationsExample::run, with(TRAINING, "--activations"), ActivationsExample::check),
            new Example("gradcheck", "hand backprop vs autograd vs finite differences; a bug caught",
                    GradCheckExample::run, Set.of()),
            new Example("graph", "the computation graph as DOT/PNG; a derivative path by path",
                    GraphExample::run, Set.of()),
            new Example("spiral", "two spirals; the decision boundary evolving over training",
                    SpiralExample::run, TRAINING),
            new Example("depth", "2, 10 and 30 layers: the vanishing gradient of deep sigmoid networks",
                    DepthExample::run, TRAINING, DepthExample::check),
            new Example("regression", "a tanh network fits sin(x) with squared error",
                    RegressionExample::run, TRAINING),
            new Example("mnist", "the tutorial's 1024-500-10 network on MNIST (--data DIR)",
                    MnistExample::run, with(TRAINING, "--data"), MnistExample::check),
            new Example("cnn", "LeNet-5, a convolutional network, on MNIST (--data DIR)",
                    CnnExample::run, Set.of("--epochs", "--lr", "--batch", "--data"), CnnExample::check),
            new Example("names", "language models of first names: bigram, MLP, LSTM, transformer; new names",
                    NamesExample::run, Set.of("--epochs", "--lr", "--batch", "--data")));

    private static Set<String> with(Set<String> options, String more) {
        Set<String> all = new HashSet<>(options);
        all.add(more);
        return Set.copyOf(all);
    }

    @Parameters(index = "0", paramLabel = "<name>", description = "the example to run (see the list below)")
    private String name;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs (each example has its own default)")
    private Integer epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "seed of every random choice (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate (each example has its own default)")
    private Double learningRate;

    @Option(names = "--hidden", paramLabel = "N", split = ",", description = "hidden-layer widths, first to "
            + "last: 500,500,500 builds three hidden layers; one width keeps the example's depth (each example has its "
            + "own default)")
    private List<Integer> hidden;

    @Option(names = "--batch", paramLabel = "N", description = "mini-batch size (each example has its own default)")
    private Integer batch;

    // Commas inside parentheses belong to a name's parameters: hardTanh(-2,2).
    @Option(names = "--activations", paramLabel = "NAME", split = ",(?![^(]*\\))", splitSynopsisLabel = ",",
            description = "for activations: the library activations to compare, by name, e.g. gelu,elu(0.5),mish "
                    + "(default: sigmoid,tanh,relu,gelu)")
    private List<String> activations;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "folder for pictures and files (default: ./${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--data", paramLabel = "PATH", description = "read data from here: for mnist, cnn and digits, a "
            + "folder of MNIST or Fashion-MNIST IDX files; for names, a text file of lower-case names, one per line")
    private Path data;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar or per-epoch lines")
    private boolean quiet;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private PrintStream console = System.out;

    /** Runs the command line and exits with its code (0, or {@link #USAGE_ERROR} for a bad command line). */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with output to {@code stdout} and errors to {@code stderr}; returns the exit code. */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        Main main = new Main();
        main.console = stdout;
        CommandLine commandLine = new CommandLine(main)
                .setOut(new PrintWriter(stdout, true))
                .setErr(new PrintWriter(stderr, true));
        commandLine.getCommandSpec().usageMessage().footerHeading("%nExamples:%n").footer(exampleList());
        return commandLine.execute(args);
    }

    private static String[] exampleList() {
        String[] lines = new String[EXAMPLES.size() + 2];
        for (int i = 0; i < EXAMPLES.size(); i++) {
            // picocli formats footer lines, so a literal % is written %%.
            lines[i] = String.format(Locale.ROOT, "  %-12s %s", EXAMPLES.get(i).name(), EXAMPLES.get(i).summary())
                    .replace("%", "%%");
        }
        lines[EXAMPLES.size()] = "";
        lines[EXAMPLES.size() + 1] = "For example: chainrule-examples digits --epochs 20 --out ./out%n";
        return lines;
    }

    @Override
    public Integer call() throws Exception {
        Example example = EXAMPLES.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "Unknown example '" + name + "'. Choose one of: "
                        + String.join(", ", EXAMPLES.stream().map(Example::name).toList())));
        checkPositive("--epochs", epochs);
        if (hidden != null) {
            for (Integer width : hidden) checkPositive("--hidden", width);
            if (hidden.size() > MAX_HIDDEN_LAYERS) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--hidden takes at most "
                        + MAX_HIDDEN_LAYERS + " layers, got " + hidden.size());
            }
        }
        checkPositive("--batch", batch);
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lr must be a positive number, got " + learningRate);
        }
        refuseUnused(example, "--epochs", epochs);
        refuseUnused(example, "--lr", learningRate);
        refuseUnused(example, "--hidden", hidden);
        refuseUnused(example, "--batch", batch);
        refuseUnused(example, "--activations", activations);
        refuseUnused(example, "--data", data);
        var options = new ExampleOptions(epochs, seed, learningRate, hidden, batch, activations, out, data, quiet,
                console);
        try {
            example.check().check(options);
        } catch (UsageError e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        console.println("== " + example.name() + ": " + example.summary());
        ExampleResult result = example.runner().run(options);
        console.println();
        console.println("Summary: " + result.summary());
        return CommandLine.ExitCode.OK;
    }

    private void refuseUnused(Example example, String option, Object value) {
        if (value != null && !example.uses().contains(option)) {
            throw new CommandLine.ParameterException(spec.commandLine(), example.name() + " does not use " + option);
        }
    }

    private void checkPositive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
    }
}
