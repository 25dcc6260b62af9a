package dev.chainrule.distributed;

import dev.chainrule.autograd.Autograd;
import java.io.Serializable;

/**
 * The matrix-multiply kernel one JVM runs ({@link Autograd#matrixKernel()}), as a task reports it to the driver.
 * Two JVMs give the same bits only when they run the same kernel: the Vector API kernel (with
 * {@code --add-modules jdk.incubator.vector}) and the scalar one add the products of a dot product in different
 * orders, and so do Vector API kernels of different vector widths.
 *
 * @param description {@link Autograd#matrixKernel()}, e.g. {@code "scalar, 4x4 tile"}
 * @param vectorized  {@link Autograd#isVectorized()}
 */
record MatrixKernel(String description, boolean vectorized) implements Serializable {
    /** The kernel of this JVM. */
    static final MatrixKernel THIS_JVM = new MatrixKernel(Autograd.matrixKernel(), Autograd.isVectorized());
}
