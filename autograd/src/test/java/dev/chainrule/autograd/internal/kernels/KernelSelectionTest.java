package dev.chainrule.autograd.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The build runs the kernel tests twice: on the scalar path, and with the Vector API module present. */
class KernelSelectionTest {

    @Test
    void theKernelMatchesWhatTheJvmOffers() {
        String expected = System.getProperty("chainrule.expectedKernel", "");
        String actual = MatMulKernels.kernelDescription();
        assertTrue(actual.startsWith(expected), "expected a kernel starting with '" + expected + "', got " + actual);
    }
}
