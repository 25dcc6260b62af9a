package dev.chainrule.autograd;

import java.util.Random;

/** The generator behind the unseeded factories {@code Tensor.rand(int...)} and {@code Tensor.randn(int...)}. */
final class GlobalGenerator {
    private static volatile Random random = new Random();

    private GlobalGenerator() {}

    static Random get() {
        return random;
    }

    static void seed(long seed) {
        random = new Random(seed);
    }
}
