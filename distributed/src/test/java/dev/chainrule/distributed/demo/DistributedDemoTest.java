package dev.chainrule.distributed.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.distributed.LocalSparkAccess;
import dev.chainrule.distributed.Sweeps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo runs end to end on local[2] in a short version, and writes its table and pictures. */
class DistributedDemoTest {
    @Test
    void theShortDemoTrainsBothPartsAndWritesThePictures(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoOptions options = DemoOptions.parse("--out", dir.toString(), "--steps", "4", "--blocks", "2", "--epochs", "1");
        DistributedDemo.Summary summary = DistributedDemo.run(LocalSparkAccess.session(), options,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(summary.bitwiseEqual(), printed);
        assertTrue(printed.contains("parameters bit-for-bit equal to the same training without Spark: yes"), printed);
        assertEquals(List.of("sigmoid", "tanh", "relu", "gelu", "bent"),
                summary.sweep().stream().map(r -> r.config().activation()).toList());
        assertTrue(printed.contains("activation train loss   val loss    val acc"), printed);
        for (Path file : summary.files()) assertTrue(Files.size(file) > 1000, file + " is a picture");
        if (Runtime.version().feature() < 23) assertTrue(Files.isDirectory(dir.resolve("sweep-results")));
    }

    @Test
    void theSweepTableBreaksTiesByValidationLossThenName() {
        List<Row> rows = List.of(
                sweepRow(0, "tanh", 0.30, 0.9), sweepRow(1, "relu", 0.30, 0.9), sweepRow(2, "gelu", 0.25, 0.9),
                sweepRow(3, "sigmoid", 0.10, 0.8), sweepRow(4, "bent", 0.30, 0.95));
        Dataset<Row> results = LocalSparkAccess.session().createDataFrame(rows, Sweeps.SCHEMA);
        List<String> order = DistributedDemo.bestFirst(results).collectAsList().stream()
                .map(row -> row.getString(row.fieldIndex("activation"))).toList();
        assertEquals(List.of("bent", "gelu", "relu", "tanh", "sigmoid"), order);
    }

    private static Row sweepRow(int index, String activation, double validationLoss, double validationAccuracy) {
        return RowFactory.create(index, activation, 0.1, 64, 1, 42L, 0.5, validationLoss, validationAccuracy,
                new double[] {0.5});
    }

    @Test
    void clusterDeployModeRequiresAnExplicitOut() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DemoOptions.parse("--steps", "3").checkDeployMode("cluster"));
        assertTrue(e.getMessage().startsWith("--out: required in cluster deploy mode"), e.getMessage());
        DemoOptions.parse("--out", "/shared/out").checkDeployMode("cluster");
        DemoOptions.parse("--steps", "3").checkDeployMode("client");
    }

    @Test
    void badOptionsAreNamed() {
        assertEquals("--steps: must be a whole number >= 1, got 0", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DemoOptions.parse("--steps", "0")).getMessage());
        assertEquals("unknown option --fast", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DemoOptions.parse("--fast", "1")).getMessage());
    }
}
