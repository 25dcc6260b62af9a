package dev.chainrule.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CLI's output format and options. Checks shape and sign of results only: timings belong to benchmarks. */
class BenchCliTest {
    private static final Pattern LINE = Pattern.compile("([a-z0-9_]+) (-?[0-9]+(?:\\.[0-9]+)?) (\\S+)");

    private record Run(int exitCode, List<String> lines, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = BenchCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        return new Run(code, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void smokeRunOfEveryWorkloadPrintsOneNameValueUnitLinePerResult() {
        Run run = run("--smoke", "--workloads", "all", "--steps", "40");
        assertEquals(0, run.exitCode(), run.err());
        List<String> names = run.lines().stream().map(l -> l.split(" ")[0])
                .filter(name -> !name.startsWith("fma_peak_")).toList();
        assertEquals(List.of(
                "matmul_n128_f64_gflops", "matmul_n256_f64_gflops", "matmul_n512_f64_gflops",
                "matmul_n1024_f64_gflops", "mlp1024_b1_f64_step_ms", "mlp1024_b32_f64_step_ms",
                "mlp1024_b256_f64_step_ms", "xor_231_f64_step_us", "lenet5_b64_f64_step_ms",
                "resblock64_32x32_b16_f64_step_ms", "lstm128_seq32_b32_f64_step_ms",
                "tinygpt_seq32_b32_f64_step_ms", "conv2d_resblock_fwd_bwd_f64_gflops", "chain_10k_backward_ms",
                "digits_b32_f64_step_us", "digits_steps_heap_growth_mb", "peak_heap_mb"), names);
        for (String line : run.lines()) {
            var m = LINE.matcher(line);
            assertTrue(m.matches(), "not 'name value unit': " + line);
            double value = Double.parseDouble(m.group(2));
            if (!m.group(1).endsWith("_growth_mb")) assertTrue(value > 0, "not positive: " + line);
        }
    }

    @Test
    void peakIsSkippedWithANoteWhenTheJvmLacksTheVectorApi() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(), "this JVM has the Vector API");
        Run run = run("--smoke", "--workloads", "peak");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("peak_heap_mb"), run.lines().stream().map(l -> l.split(" ")[0]).toList());
        assertTrue(run.err().contains("# peak: skipped, it needs java --add-modules jdk.incubator.vector"), run.err());
    }

    @Test
    void peakMeasuresOneThreadAndEveryThreadInAJvmWithTheVectorApi() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), BenchCli.class.getName(), "--smoke", "--threads", "2",
                "--workloads", "peak").redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("fma_peak_")).toList();
        assertEquals(0, process.waitFor(), lines.toString());
        assertEquals(List.of("fma_peak_1_thread_f64_gflops", "fma_peak_2_threads_f64_gflops"),
                lines.stream().map(l -> l.split(" ")[0]).toList());
        for (String line : lines) {
            assertTrue(Double.parseDouble(line.split(" ")[1]) > 0 && line.endsWith(" GFLOP/s"), line);
        }
    }

    @Test
    void workloadsOptionSelectsAndOrdersWorkloadsWithoutDuplicates() {
        Run run = run("--smoke", "--workloads", "xor,chain,xor");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("xor_231_f64_step_us", "chain_10k_backward_ms", "peak_heap_mb"),
                run.lines().stream().map(l -> l.split(" ")[0]).toList());
        assertEquals(List.of("us", "ms", "MB"), run.lines().stream().map(l -> l.split(" ")[2]).toList());
    }

    @Test
    void everyTimedLineIsFollowedByItsRangeOverTheRounds() {
        var out = new ByteArrayOutputStream();
        int code = BenchCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                "--smoke", "--workloads", "xor,chain");
        assertEquals(0, code);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        int xor = lines.indexOf(lines.stream().filter(l -> l.startsWith("xor_231")).findFirst().orElseThrow());
        var range = Pattern.compile("# xor_231_f64_step_us range over 3 rounds: (\\S+) to (\\S+) us")
                .matcher(lines.get(xor + 1));
        assertTrue(range.matches(), lines.get(xor + 1));
        double median = Double.parseDouble(lines.get(xor).split(" ")[1]);
        assertTrue(Double.parseDouble(range.group(1)) <= median && median <= Double.parseDouble(range.group(2)),
                lines.get(xor) + " / " + lines.get(xor + 1));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("# chain_")), "an untimed figure has no range");
    }

    @Test
    void aRateTakesItsRangeFromTheSlowestAndFastestRound() {
        var rounds = new Timer.Rounds(new double[] {1.0, 2.0, 4.0});
        Measurement m = Measurement.timed("matmul_n8_f64_gflops", rounds, s -> 8 / s, "GFLOP/s");
        assertEquals(4.0, m.value());
        assertEquals(new Measurement.Spread(2.0, 8.0, 3), m.spread());
    }

    @Test
    void unknownWorkloadIsAUsageErrorNamingTheValidOnes() {
        Run run = run("--workloads", "matmul,gemm");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--workloads: unknown workload 'gemm'; choose from all, matmul, peak, mlp, xor, lenet,"
                + " resblock, lstm, tinygpt, conv2d, chain, memory"), run.err());
        assertEquals(List.of(), run.lines());
    }

    @Test
    void nonPositiveStepsIsAUsageError() {
        Run run = run("--steps", "0", "--workloads", "memory");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--steps: must be at least 1, got 0"), run.err());
    }

    @Test
    void valuesPrintWithAtMostFourSignificantDigitsAndNoExponent() {
        assertEquals(List.of("0.0001235", "5.12", "12350", "0", "-3.0"),
                Arrays.stream(new double[] {0.00012345, 5.12, 12345.6, 0, -3}).mapToObj(Measurement::format).toList());
        assertEquals("mlp1024_b32_f64_step_ms 5.12 ms", new Measurement("mlp1024_b32_f64_step_ms", 5.12, "ms").line());
    }

    @Test
    void trainingStepsLowerTheLossOnAFixedBatch() {
        TrainingStep xor = TrainingStep.xor(0);
        xor.run();
        double first = xor.lastLoss();
        for (int i = 0; i < 200; i++) xor.run();
        assertTrue(xor.lastLoss() < first, "XOR loss " + first + " -> " + xor.lastLoss());
        TrainingStep mlp = TrainingStep.mlp(64, 50, 10, 8, 0);
        mlp.run();
        double start = mlp.lastLoss();
        for (int i = 0; i < 20; i++) mlp.run();
        assertTrue(mlp.lastLoss() < start, "MLP loss " + start + " -> " + mlp.lastLoss());
    }
}
