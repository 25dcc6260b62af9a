package dev.chainrule.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's ceiling for float64 arithmetic as Java reaches it: fused multiply-adds on the widest vectors, twelve
 * independent sums so that none waits on another, no memory traffic. No matrix product can run faster, so
 * {@code matmul}'s GFLOP/s over this figure is the fraction of the machine a product uses, in our kernel or in a
 * peer's. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class FmaPeak implements AutoCloseable {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;
    /** Multiply-adds per vector lane in one call of {@link #chains}: long enough to dwarf the call. */
    private static final int ITERATIONS = 500_000;

    private final ExecutorService pool;
    private final int threads;

    /** A ceiling measured on {@code threads} threads at once. */
    FmaPeak(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "fma-peak");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Floating-point operations of one {@link #run}: two per lane of each multiply-add, on every thread. */
    double flopsPerRun() {
        return 2.0 * SPECIES.length() * CHAINS * ITERATIONS * threads;
    }

    /** Runs the chains once on every thread at once and waits for all. */
    void run() {
        try {
            Future<?>[] running = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                double seed = 1.0 + t * 1e-9;
                running[t] = pool.submit(() -> sink(chains(seed)));
            }
            for (Future<?> f : running) f.get();
        } catch (Exception e) {
            throw new IllegalStateException("fma peak: a thread failed", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static volatile double sink;

    private static void sink(double value) {
        sink = value;
    }

    /** Twelve sums {@code s ← s·x + y}, x just below 1 so that they stay finite; returns their total. */
    private static double chains(double seed) {
        DoubleVector x = DoubleVector.broadcast(SPECIES, 0.999_999 * seed);
        DoubleVector y = DoubleVector.broadcast(SPECIES, 1e-6);
        DoubleVector s0 = x, s1 = x, s2 = x, s3 = x, s4 = x, s5 = x;
        DoubleVector s6 = y, s7 = y, s8 = y, s9 = y, s10 = y, s11 = y;
        for (int i = 0; i < ITERATIONS; i++) {
            s0 = s0.fma(x, y);
            s1 = s1.fma(x, y);
            s2 = s2.fma(x, y);
            s3 = s3.fma(x, y);
            s4 = s4.fma(x, y);
            s5 = s5.fma(x, y);
            s6 = s6.fma(x, y);
            s7 = s7.fma(x, y);
            s8 = s8.fma(x, y);
            s9 = s9.fma(x, y);
            s10 = s10.fma(x, y);
            s11 = s11.fma(x, y);
        }
        DoubleVector all = s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10)
                .add(s11);
        return all.lane(0);
    }
}
