package dev.chainrule.autograd.internal.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * One shared pool for kernels that split large work over cores; no thread is created per op. Its size is the
 * machine's core count (the JDK's common pool would leave one core idle on a two-core machine), or the system
 * property {@code chainrule.threads} when set.
 */
public final class Parallel {
    private static final int THREADS = Integer.getInteger("chainrule.threads",
            Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, THREADS),
            pool -> {
                var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setDaemon(true);
                thread.setName("chainrule-kernel-" + thread.getPoolIndex());
                return thread;
            }, null, false);

    private Parallel() {}

    /** A body that handles the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** The number of threads kernels split work over. */
    public static int threads() {
        return POOL.getParallelism();
    }

    /** Runs {@code body} over {@code [0, n)} split into one contiguous chunk per thread, and waits for all. */
    public static void forRange(int n, RangeBody body) {
        int chunks = Math.min(n, threads());
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        POOL.invoke(new Chunk(body, 0, n, chunks));
    }

    private static final class Chunk extends RecursiveAction {
        private final RangeBody body;
        private final int from;
        private final int to;
        private final int pieces;

        Chunk(RangeBody body, int from, int to, int pieces) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.pieces = pieces;
        }

        @Override
        protected void compute() {
            if (pieces <= 1) {
                body.run(from, to);
                return;
            }
            int leftPieces = pieces / 2;
            int middle = from + (int) ((long) (to - from) * leftPieces / pieces);
            invokeAll(new Chunk(body, from, middle, leftPieces), new Chunk(body, middle, to, pieces - leftPieces));
        }
    }
}
