package dev.chainrule.distributed;

import java.util.List;
import java.util.Optional;

/**
 * Compares the matrix kernel each task reported (see {@link MatrixKernel}) with the driver's and, on a mismatch,
 * says which side lacks the Vector API module and how to add it.
 */
final class KernelCheck {
    static final String FLAG = "--add-modules jdk.incubator.vector";

    private KernelCheck() {}

    /** The mismatch message for the first block (in block order) whose executor runs another kernel, if any. */
    static Optional<String> mismatch(MatrixKernel driver, List<BlockResult> results) {
        BlockResult first = null;
        for (BlockResult result : results) {
            if (result.kernel().equals(driver)) continue;
            if (first == null || result.block() < first.block()) first = result;
        }
        return first == null ? Optional.empty() : Optional.of(message(driver, first.kernel(), first.block()));
    }

    private static String message(MatrixKernel driver, MatrixKernel executor, int block) {
        return "DataParallelTrainer: the executor of block " + block + " runs the matrix kernel \""
                + executor.description() + "\" and the driver runs \"" + driver.description()
                + "\", so the result would not be bit-for-bit equal to fitLocal or to a run on other executors. "
                + remedy(driver, executor)
                + " Or choose onKernelMismatch(KernelMismatch.WARN) to train on regardless";
    }

    private static String remedy(MatrixKernel driver, MatrixKernel executor) {
        if (driver.vectorized() && !executor.vectorized()) {
            return "The executors lack " + FLAG + ": add it with spark-submit --conf "
                    + "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector (and check that "
                    + "-Dchainrule.kernels=scalar is not set there).";
        }
        if (!driver.vectorized() && executor.vectorized()) {
            return "The driver lacks " + FLAG + ": start its JVM with it (java " + FLAG + " ..., or spark-submit "
                    + "--conf spark.driver.extraJavaOptions=--add-modules=jdk.incubator.vector; Spark 4.1's launcher "
                    + "gives it to executors, not to a driver in cluster deploy mode or one started with plain java).";
        }
        return "Both use the same kind of kernel with different vector shapes (different CPUs): run "
                + "-Dchainrule.kernels=scalar on the driver and the executors for results that match everywhere.";
    }
}
