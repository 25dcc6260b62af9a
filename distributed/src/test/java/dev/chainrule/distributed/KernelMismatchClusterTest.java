package dev.chainrule.distributed;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * A real mismatch: an executor JVM started with the other matrix kernel than the driver's (with
 * {@code -Dchainrule.kernels=scalar} when the driver runs the Vector API kernel, else with the Vector API module)
 * on {@code local-cluster[1,1,1024]}. Training stops at step 1 naming the flag and the side that lacks it.
 */
@DisabledForJreRange(min = JRE.JAVA_23, disabledReason = LocalCluster.EXECUTORS_ON_JAVA_23)
class KernelMismatchClusterTest {
    private static JavaSparkContext context;

    @BeforeAll
    static void start() {
        context = LocalCluster.start("chainrule-kernel-mismatch-test", 1, MatrixKernel.THIS_JVM.vectorized()
                ? "-Dchainrule.kernels=scalar" : "--add-modules=jdk.incubator.vector");
    }

    @AfterAll
    static void stop() {
        if (context != null) context.stop();
    }

    @Test
    void anExecutorRunningTheOtherKernelStopsTrainingNamingTheFlagAndTheSide() {
        BlockData data = BlockData.generate(context, 2, TestData.FEATURES, TestData.CLASSES, TestData.blobs(10, -1));
        DataParallelTrainer trainer = DataParallelTrainer.of(TestData.model(), Loss.crossEntropy(),
                OptimizerFactory.sgd(0.1, 0.9)).batchSize(4).seed(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(data, 3));
        String side = MatrixKernel.THIS_JVM.vectorized()
                ? "The executors lack --add-modules jdk.incubator.vector: add it with spark-submit --conf "
                + "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector"
                : "The driver lacks --add-modules jdk.incubator.vector";
        assertTrue(e.getMessage().contains(side), e.getMessage());
        assertTrue(e.getMessage().contains("the driver runs \"" + MatrixKernel.THIS_JVM.description() + "\""),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(found at step 1)"), e.getMessage());
    }
}
