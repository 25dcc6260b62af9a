package dev.chainrule.nn.data;

import java.util.Random;

/** Seeded permutations shared by the loader and the splits. */
final class Permutations {
    private Permutations() {}

    /** {@code [0, n)} shuffled by Fisher–Yates with {@code random} (the algorithm of {@code Collections.shuffle}). */
    static int[] random(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** {@code [0, n)} in order. */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }
}
