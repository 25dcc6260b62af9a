package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's JShell session, typed into {@code bin/jshell} (standard input, so JShell answers as it does at the prompt)
 * with its start-up imports: no errors, and the value README promises.
 */
class JShellSessionTest {
    private static final String PROMPT = "jshell> ";

    @Test
    void theReadmeSessionRunsInBinJshell(@TempDir Path dir) throws Exception {
        List<String> session = readmeSession(Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        assertFalse(session.isEmpty(), "README has no ```jshell block");
        List<String> script = new ArrayList<>(session);
        script.add("/exit");
        Path file = Files.write(dir.resolve("session.jsh"), script);
        ProcessBuilder builder = new ProcessBuilder("sh", Path.of("..", "bin", "jshell").toString())
                .redirectInput(file.toFile()).redirectErrorStream(true);
        builder.environment().put("CHAINRULE_CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "jshell did not finish");
        assertEquals(0, process.exitValue(), output);
        assertFalse(output.contains("Error:") || output.contains("Exception"), output);
        assertTrue(output.contains("tensor([2.0000, 4.0000, 6.0000], shape=[3])"), output);
    }

    /** The input lines of README's {@code jshell} block (those after the prompt). */
    private static List<String> readmeSession(List<String> readme) {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        for (String line : readme) {
            if (line.strip().equals("```jshell")) {
                inBlock = true;
            } else if (inBlock && line.strip().equals("```")) {
                break;
            } else if (inBlock && line.startsWith(PROMPT)) {
                lines.add(line.substring(PROMPT.length()));
            }
        }
        return lines;
    }
}
