package dev.chainrule.distributed;

import static dev.chainrule.distributed.TestData.assertSameResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every task reports its JVM's matrix kernel; a driver running another one fails (or warns) naming the JVM flag and
 * the side that lacks it. On local[2] the tasks run in this JVM, so the mismatch is forced by telling the trainer
 * that the driver runs the other kind of kernel; the executors' reports travel the real path.
 */
class KernelMismatchTest {
    private static final MatrixKernel VECTOR = new MatrixKernel("Vector API, 4x16 tile of Species[double, 8, S_512_BIT]", true);
    private static final MatrixKernel NARROW_VECTOR = new MatrixKernel("Vector API, 4x8 tile of Species[double, 4, S_256_BIT]", true);
    private static final MatrixKernel SCALAR = new MatrixKernel("scalar, 4x4 tile", false);

    private static BlockData data;
    private static List<Block> local;

    @BeforeAll
    static void load() {
        data = BlockData.generate(LocalSpark.context(), 4, TestData.FEATURES, TestData.CLASSES, TestData.blobs(12, -1));
        local = data.collect();
    }

    @AfterAll
    static void drop() {
        data.unpersist();
    }

    /** The kind of kernel this JVM does not run, so that the executors (threads of this JVM) disagree with it. */
    private static MatrixKernel otherThanThisJvm() {
        return MatrixKernel.THIS_JVM.vectorized() ? SCALAR : VECTOR;
    }

    private static DataParallelTrainer trainer() {
        return DataParallelTrainer.of(TestData.model(), Loss.crossEntropy(), OptimizerFactory.sgd(0.1, 0.9))
                .batchSize(4).seed(3);
    }

    @Test
    void aDriverRunningAnotherKernelThanTheExecutorsFailsNamingTheFlagAndTheSide() {
        DataParallelTrainer trainer = trainer().assumingDriverKernel(otherThanThisJvm());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(data, 3));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
        assertTrue(e.getMessage().contains("the executor of block 0 runs the matrix kernel \""
                + MatrixKernel.THIS_JVM.description() + "\""), e.getMessage());
        String side = MatrixKernel.THIS_JVM.vectorized() ? "The driver lacks" : "The executors lack";
        assertTrue(e.getMessage().contains(side), e.getMessage());
        assertTrue(e.getMessage().endsWith("(found at step 1)"), e.getMessage());
    }

    @Test
    void warnModeTrainsOnAndWarnsOncePerRun() {
        DataParallelTrainer trainer = trainer().assumingDriverKernel(otherThanThisJvm())
                .onKernelMismatch(KernelMismatch.WARN);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        TrainingResult spark;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            spark = trainer.fit(data, 4);
        } finally {
            System.setErr(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().filter(line -> line.startsWith("WARNING: DataParallelTrainer: the executor of"))
                .count(), printed);
        assertTrue(printed.contains("onKernelMismatch(KernelMismatch.WARN)"), printed);
        assertSameResult(trainer().fitLocal(local, 4), spark);
    }

    @Test
    void matchingKernelsPassSilently() {
        assertSameResult(trainer().fitLocal(local, 3), trainer().fit(data, 3));
    }

    @Test
    void theMessageNamesTheSideThatLacksTheModule() {
        assertTrue(message(SCALAR, VECTOR).contains("The driver lacks --add-modules jdk.incubator.vector: start its JVM"
                + " with it"));
        assertTrue(message(VECTOR, SCALAR).contains("The executors lack --add-modules jdk.incubator.vector: add it with "
                + "spark-submit --conf spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector"));
        assertTrue(message(VECTOR, NARROW_VECTOR).contains("different vector shapes (different CPUs): run "
                + "-Dchainrule.kernels=scalar"));
    }

    @Test
    void theFirstMismatchedBlockInBlockOrderIsNamed() {
        List<BlockResult> results = List.of(result(2, SCALAR), result(0, VECTOR), result(1, SCALAR));
        String message = KernelCheck.mismatch(VECTOR, results).orElseThrow();
        assertTrue(message.startsWith("DataParallelTrainer: the executor of block 1 runs the matrix kernel \"scalar, "
                + "4x4 tile\" and the driver runs \"Vector API, 4x16 tile"), message);
        assertEquals(Optional.empty(), KernelCheck.mismatch(VECTOR, List.of(result(0, VECTOR), result(1, VECTOR))));
    }

    private static String message(MatrixKernel driver, MatrixKernel executor) {
        return KernelCheck.mismatch(driver, List.of(result(0, executor))).orElseThrow();
    }

    private static BlockResult result(int block, MatrixKernel kernel) {
        return new BlockResult(block, 1, 0.0, -1, -1, new double[0], null, null, kernel);
    }
}
