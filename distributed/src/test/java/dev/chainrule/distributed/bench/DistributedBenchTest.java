package dev.chainrule.distributed.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.distributed.LocalSparkAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The benchmark's output format on a smoke run (no timing is asserted). */
class DistributedBenchTest {
    @Test
    void everyLineIsACommentOrNameValueUnit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DistributedBench.run(JavaSparkContext.fromSparkContext(LocalSparkAccess.session().sparkContext()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("overhead", "digits", "recovery"), false, true);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> names = lines.stream().filter(l -> !l.startsWith("#")).map(l -> l.split(" ")[0]).toList();
        assertEquals(List.of("spark_empty_job_b2_ms", "spark_empty_job_b8_ms", "spark_broadcast_p37510_b8_ms",
                "spark_collect_p37510_b8_ms", "spark_broadcast_p517510_b8_ms", "spark_collect_p517510_b8_ms",
                "digits_local_b1_step_ms", "digits_spark_b1_step_ms", "digits_spark_b2_step_ms",
                "digits_spark_b8_step_ms", "recovery_steps_001_020_ms", "recovery_steps_021_040_ms"), names);
        // Spark's listener bus is asynchronous: the window's last task ends may not be counted yet.
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("# executors 0 at step 20, tasks per executor {driver=")),
                lines.toString());
        for (String line : lines) {
            assertTrue(line.startsWith("#") || line.matches("[a-z0-9_]+ [0-9]+(\\.[0-9]+)? ms"), line);
        }
    }
}
