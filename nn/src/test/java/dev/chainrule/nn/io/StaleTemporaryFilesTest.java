package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** See Note [Stale temporary files] in {@code AtomicFiles}: what a save killed with kill -9 leaves, the next removes. */
class StaleTemporaryFilesTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aSaveRemovesTheTemporaryFilesOfAKilledSaverAndNoLiveProcesssFile() throws Exception {
        Path target = dir.resolve("model.safetensors");
        long killed = runSavingChildAndKillIt(target);
        if (temporaryFiles(killed).isEmpty()) {                  // killed between two saves: plant what a kill leaves
            Files.write(dir.resolve(".model.safetensors.tmp-" + killed + "-7"), new byte[1024]);
        }
        long self = ProcessHandle.current().pid();
        Path live = Files.write(dir.resolve(".model.safetensors.tmp-" + self + "-999999"), new byte[16]);
        Path otherTarget = Files.write(dir.resolve(".other.safetensors.tmp-" + killed + "-1"), new byte[16]);
        Path unrelated = Files.write(dir.resolve(".model.safetensors.tmp-notes"), new byte[16]);

        SafeTensors.write(Map.of("w", Tensor.ones(2)), target);

        assertEquals(List.of(), temporaryFiles(killed), "the killed process's temporary files are gone");
        assertTrue(Files.exists(live), "a live process's temporary file is kept");
        assertTrue(Files.exists(otherTarget), "another target's temporary files are kept");
        assertTrue(Files.exists(unrelated), "a name that is not a temporary file's is kept");
        assertArrayEquals(new double[] {1, 1}, SafeTensors.read(target).get("w").toArray());
    }

    // Starts SavingLoop in a JVM of this classpath, waits for its first save, kills it mid-loop; returns its id.
    private static long runSavingChildAndKillIt(Path target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SavingLoop.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();                 // the JVM may print notes before "saved"
            String line = output.readLine();
            for (; line != null && !line.equals("saved"); line = output.readLine()) lines.add(line);
            assertEquals("saved", line, "the child stopped before saving; it printed " + lines);
            Thread.sleep(Duration.ofMillis(300).toMillis());     // saving again, most likely mid-write
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed child ended");
        }
        assertTrue(ProcessHandle.of(child.pid()).isEmpty(), "the child's id belongs to no process");
        return child.pid();
    }

    private List<Path> temporaryFiles(long pid) throws IOException {
        String prefix = ".model.safetensors.tmp-" + pid + "-";
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}
