package dev.chainrule.benchmarks;

import dev.chainrule.autograd.Autograd;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chainrule-bench}: times the reference workloads of {@code shared/bench/torch_reference.py} and a few of
 * our own, and prints one line per result, {@code name value unit}, then {@code peak_heap_mb}. Lines starting
 * with {@code #} are comments (the JVM, the thread count).
 *
 * <pre>{@code
 * java -jar benchmarks/target/chainrule-bench.jar --workloads matmul,mlp --threads 2
 * }</pre>
 *
 * <p>Note [Thread count before the kernels load]: the kernels' pool reads {@code -Dchainrule.threads} once,
 * when {@code Parallel} is initialised. This class therefore touches no tensor until the options are parsed
 * and {@code --threads} is set as that property; the workloads live in {@link Workload} so that nothing here
 * initialises a kernel class early.
 */
@Command(name = "chainrule-bench", mixinStandardHelpOptions = true, version = "chainrule-bench 0.1.0",
        sortOptions = false,
        description = "Times Chainrule on the reference workloads; prints one line per result: name value unit.")
public final class BenchCli implements Callable<Integer> {
    @Option(names = "--workloads", split = ",", paramLabel = "NAME",
            description = "Comma-separated: all, matmul, peak, mlp, xor, lenet, resblock, lstm, tinygpt, conv2d, chain, "
                    + "memory (default: all).")
    List<String> workloads = List.of("all");

    @Option(names = "--threads", paramLabel = "N",
            description = "Kernel threads (sets -Dchainrule.threads; default: the property, else the core count).")
    Integer threads;

    @Option(names = "--quick", description = "Shorter warm-up and rounds; 5,000 memory steps unless --steps.")
    boolean quick;

    @Option(names = "--smoke", description = "One call per round and tiny sizes: checks that every workload runs.")
    boolean smoke;

    @Option(names = "--steps", paramLabel = "N",
            description = "Training steps of the memory workload (default 100,000).")
    Integer steps;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the CLI with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        var commandLine = new CommandLine(new BenchCli());
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null) {
            if (threads < 1) throw parameterError("--threads: must be at least 1, got " + threads);
            System.setProperty("chainrule.threads", Integer.toString(threads));
        }
        if (steps != null && steps < 1) throw parameterError("--steps: must be at least 1, got " + steps);
        List<Workload> selected = new ArrayList<>();
        try {
            for (String id : workloads) {
                if (id.equals("all")) {
                    for (Workload w : Workload.values()) if (!selected.contains(w)) selected.add(w);
                } else {
                    Workload w = Workload.byId(id.strip());
                    if (!selected.contains(w)) selected.add(w);
                }
            }
        } catch (IllegalArgumentException e) {
            throw parameterError(e.getMessage());
        }
        int kernelThreads = dev.chainrule.autograd.internal.kernels.Parallel.threads();
        if (threads != null && kernelThreads != threads) {
            err.println("warning: the kernels were already initialised with " + kernelThreads
                    + " threads; --threads " + threads + " has no effect in this JVM");
        }
        var settings = new Workload.Settings(
                smoke ? Timer.SMOKE : quick ? Timer.QUICK : Timer.DEFAULT,
                steps != null ? steps : smoke ? 200 : quick ? 5_000 : 100_000,
                smoke ? 10_000 : 1_000_000,
                quick, smoke, err::println);
        Runtime runtime = Runtime.getRuntime();
        out.printf("# chainrule-bench | java %s | threads %d | cores %d | max heap %d MB | matmul kernel: %s | %s%n",
                System.getProperty("java.version"), kernelThreads, runtime.availableProcessors(),
                runtime.maxMemory() / (1024 * 1024), Autograd.matrixKernel(), smoke ? "smoke" : quick ? "quick" : "full");
        for (Workload w : selected) {
            w.run(settings, m -> {
                out.println(m.line());
                if (m.spreadLine() != null) out.println(m.spreadLine());
            });
        }
        out.println(new Measurement("peak_heap_mb", peakHeapMb(), "MB").line());
        out.flush();
        return 0;
    }

    private CommandLine.ParameterException parameterError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The sum of the heap pools' peak usage since the JVM started: an upper bound on the peak heap in use. */
    static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }
}
