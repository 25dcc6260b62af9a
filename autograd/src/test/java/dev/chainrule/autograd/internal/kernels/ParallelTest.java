package dev.chainrule.autograd.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The kernel threads: every index runs exactly once, nested and concurrent calls, and exceptions. */
class ParallelTest {
    /** Counts how often each index of {@code [0, n)} ran. */
    private static AtomicIntegerArray cover(int n) {
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        Parallel.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) seen.incrementAndGet(i);
        });
        return seen;
    }

    private static void assertEachOnce(AtomicIntegerArray seen) {
        for (int i = 0; i < seen.length(); i++) assertEquals(1, seen.get(i), "index " + i);
    }

    @Test
    void everyIndexRunsExactlyOnceForAnySize() {
        for (int n : new int[] {0, 1, 2, 3, 7, 100, 10_001}) assertEachOnce(cover(n));
    }

    @Test
    void chunksAreTheBalancedSplitInOrder() {
        List<int[]> chunks = java.util.Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(10, (from, to) -> chunks.add(new int[] {from, to}));
        chunks.sort(java.util.Comparator.comparingInt(c -> c[0]));
        assertEquals(Math.min(10, Parallel.threads()), chunks.size());
        assertEquals(0, chunks.get(0)[0]);
        assertEquals(10, chunks.get(chunks.size() - 1)[1]);
        for (int c = 1; c < chunks.size(); c++) assertEquals(chunks.get(c - 1)[1], chunks.get(c)[0]);
        if (Parallel.threads() == 2) assertEquals(5, chunks.get(0)[1]);
    }

    @Test
    void aNestedCallRunsEveryInnerIndexOnce() {
        AtomicIntegerArray seen = new AtomicIntegerArray(8 * 50);
        Parallel.forRange(8, (from, to) -> {
            for (int outer = from; outer < to; outer++) {
                int base = outer * 50;
                Parallel.forRange(50, (f, t) -> {
                    for (int i = f; i < t; i++) seen.incrementAndGet(base + i);
                });
            }
        });
        assertEachOnce(seen);
    }

    @Test
    void concurrentCallersEachGetTheirWholeRange() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<AtomicIntegerArray>> calls = new ArrayList<>();
            for (int k = 0; k < 4; k++) calls.add(() -> {
                AtomicIntegerArray last = null;
                for (int r = 0; r < 200; r++) last = cover(1000);
                return last;
            });
            for (Future<AtomicIntegerArray> f : callers.invokeAll(calls)) assertEachOnce(f.get());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anExceptionInAnyChunkReachesTheCaller() {
        int n = 4 * Parallel.threads();
        for (int failing = 0; failing < n; failing += Math.max(1, n / 4)) {
            int bad = failing;
            AtomicIntegerArray ran = new AtomicIntegerArray(n);
            IllegalStateException thrown = new IllegalStateException("chunk with index " + bad);
            IllegalStateException caught = assertThrows(IllegalStateException.class, () ->
                    Parallel.forRange(n, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            if (i == bad) throw thrown;
                            ran.incrementAndGet(i);
                        }
                    }));
            assertSame(thrown, caught);
            assertEquals(0, ran.get(bad));
        }
        assertEachOnce(cover(1000));
    }
}
