package dev.chainrule.autograd.internal.kernels;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;

/** A child JVM's program for {@link ScalarFallbackWarningTest}: two products, then the kernel it ran. */
public final class ScalarFallbackProbe {
    private ScalarFallbackProbe() {}

    public static void main(String[] args) {
        Tensor a = Tensor.ones(64, 64);
        a.matmul(a);
        a.matmul(a).sum();
        System.out.println("kernel: " + Autograd.matrixKernel());
    }
}
