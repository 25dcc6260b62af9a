package dev.chainrule.autograd.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM without the Vector API module says so once, naming the flag; one that has it, or chose scalar, is quiet. */
class ScalarFallbackWarningTest {
    private static final String FLAG_HINT = "Start java with --add-modules jdk.incubator.vector";

    @Test
    void aJvmWithoutTheModuleWarnsOnceNamingTheFlag() throws Exception {
        String output = runProbe();
        assertTrue(output.contains("kernel: scalar"), output);
        assertEquals(1, occurrences(output, FLAG_HINT), output);
        assertTrue(output.contains("5-8x slower"), output);
    }

    @Test
    void aJvmWithTheModuleRunsTheVectorKernelQuietly() throws Exception {
        String output = runProbe("--add-modules", "jdk.incubator.vector");
        assertTrue(output.contains("kernel: Vector API"), output);
        assertEquals(0, occurrences(output, FLAG_HINT), output);
    }

    @Test
    void choosingTheScalarKernelExplicitlyIsQuiet() throws Exception {
        String output = runProbe("-Dchainrule.kernels=scalar");
        assertTrue(output.contains("kernel: scalar"), output);
        assertEquals(0, occurrences(output, FLAG_HINT), output);
    }

    private static String runProbe(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(location(MatMulKernels.class) + java.io.File.pathSeparator + location(ScalarFallbackProbe.class));
        command.add(ScalarFallbackProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
        return count;
    }
}
