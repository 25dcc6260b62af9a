package dev.chainrule.autograd.internal.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The kernel threads: large work is split into one contiguous chunk per thread, the calling thread runs the first
 * chunk itself and hands each other chunk to a worker of its own, then waits for them. No thread is created per
 * op. The thread count is the machine's core count, or the system property {@code chainrule.threads} when set.
 *
 * <p>Note [Handing off in microseconds]: a training step calls this dozens of times, for kernels of tens to hundreds
 * of microseconds. Waking a parked thread took 20-45 µs per call on the 2-core VM (a {@code ForkJoinPool} hand-off
 * and its wake-ups back); now a call costs about 1 µs, and the batch-32 MLP step went from 3.4-4.1 to 2.0-2.6 ms.
 * A worker that finishes a chunk polls for the next one for {@link #SPIN_NANOS} (1 ms unless
 * {@code -Dchainrule.spinMicros} says otherwise) before it parks, and the caller polls for its workers' chunks
 * likewise: as OpenMP runtimes do (Intel's waits 200 ms), the kernels trade idle spinning for hand-offs without a
 * system call. A step's single-threaded stretches (the engine's bookkeeping, small ops) often outlast 50 µs, and
 * each then cost the next product a wake-up: in alternating runs the batch-32 / 256 MLP steps took 1.41-1.61 /
 * 7.2-8.3 ms with 1 ms of polling against 1.74-2.73 / 8.3-10.2 with 50 µs. 0 (park at once) is slower still.
 *
 * <p>A worker takes one chunk at a time. When it is busy, because another thread's kernel is using it or because
 * a chunk's body itself calls {@link #forRange}, the caller runs that chunk itself: nested and concurrent calls
 * stay correct, and no thread ever waits on a worker that waits on it.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Integer.getInteger("chainrule.threads",
            Runtime.getRuntime().availableProcessors()));
    /**
     * How long an idle worker, or a caller waiting for its workers, polls before it parks: the system property
     * {@code chainrule.spinMicros} in microseconds (0 parks at once).
     */
    private static final long SPIN_NANOS = 1000L * Math.max(0, Integer.getInteger("chainrule.spinMicros", 1000));
    private static final Worker[] WORKERS = startWorkers();

    private Parallel() {}

    /** A body that handles the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Elements from which an element-wise kernel's range is split over the kernel threads: a transcendental function
     * costs nanoseconds an element ({@code Math.tanh}), a product or sum about one, and a hand-off about a
     * microsecond, so 32,768 elements repay it many times over. The batch-256 step's sigmoid over {@code [256, 500]}
     * went from 0.76-0.78 to 0.62-0.71 ms when it was first split (before it was vectorised).
     */
    public static final int ELEMENTWISE_SPLIT = 1 << 15;

    /** The number of threads kernels split work over. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into one contiguous chunk per thread, and waits for all. A chunk
     * that throws makes this call throw the same exception once every chunk has ended.
     */
    public static void forRange(int n, RangeBody body) {
        int chunks = Math.min(n, THREADS);
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        Job job = new Job(body, n, chunks);
        try {
            for (int c = 1; c < chunks; c++) {
                if (!WORKERS[c - 1].offer(job, c)) job.run(c);
            }
            job.run(0);
        } catch (RuntimeException | Error e) {
            job.failed(e);
        }
        job.awaitWorkers();
    }

    /**
     * Runs {@code body} over {@code [0, n)} of an element-wise kernel: split as {@link #forRange} from
     * {@link #ELEMENTWISE_SPLIT} elements, on the calling thread below.
     */
    public static void forElements(int n, RangeBody body) {
        if (n >= ELEMENTWISE_SPLIT) {
            forRange(n, body);
        } else {
            body.run(0, n);
        }
    }

    private static Worker[] startWorkers() {
        Worker[] workers = new Worker[THREADS - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("chainrule-kernel-" + (i + 1));
            workers[i].start();
        }
        return workers;
    }

    /** One call's chunks: chunk {@code c} of {@code chunks} over {@code [0, n)}, and the workers still running one. */
    private static final class Job {
        private final RangeBody body;
        private final int n;
        private final int chunks;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger handedOut = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(RangeBody body, int n, int chunks) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
        }

        /** Runs chunk {@code c} on this thread. */
        void run(int c) {
            body.run(start(c), start(c + 1));
        }

        /**
         * Where chunk {@code c} starts: the split a balanced binary division gives (the left half gets
         * {@code ⌊pieces/2⌋} of the pieces), so chunk boundaries do not depend on which thread runs a chunk.
         */
        private int start(int c) {
            int from = 0;
            int to = n;
            int first = 0;
            int pieces = chunks;
            while (pieces > 1 && c != first && c != first + pieces) {
                int left = pieces / 2;
                int middle = from + (int) ((long) (to - from) * left / pieces);
                if (c < first + left) {
                    to = middle;
                    pieces = left;
                } else {
                    from = middle;
                    first += left;
                    pieces -= left;
                }
            }
            return c == first + pieces ? to : from;
        }

        void handOut() {
            handedOut.incrementAndGet();
        }

        void withdraw() {
            handedOut.decrementAndGet();
        }

        /** A chunk threw {@code thrown}: the first such exception is the one the caller rethrows. */
        void failed(Throwable thrown) {
            failure.compareAndSet(null, thrown);
        }

        /** A worker finished its chunk, with {@code thrown} or null. */
        void finished(Throwable thrown) {
            if (thrown != null) failed(thrown);
            if (handedOut.decrementAndGet() == 0) LockSupport.unpark(caller);
        }

        /**
         * Polls until every handed-out chunk has finished, parking after {@link #SPIN_NANOS}; then rethrows the
         * first exception a chunk threw.
         */
        void awaitWorkers() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (handedOut.get() != 0) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            Throwable thrown = failure.get();
            if (thrown instanceof RuntimeException e) throw e;
            if (thrown instanceof Error e) throw e;
            if (thrown != null) throw new IllegalStateException("a kernel thread failed", thrown);
        }
    }

    /** A chunk handed to a worker. */
    private record Task(Job job, int chunk) {}

    /** A kernel thread: runs the chunk in its slot, then polls and parks until the next one arrives. */
    private static final class Worker extends Thread {
        /** The chunk this worker is running or about to run; null while it is free. */
        private final AtomicReference<Task> slot = new AtomicReference<>();
        private volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /** Hands chunk {@code c} of {@code job} to this worker; false when it is busy. */
        boolean offer(Job job, int c) {
            job.handOut();
            if (!slot.compareAndSet(null, new Task(job, c))) {
                job.withdraw();
                return false;
            }
            if (parked) LockSupport.unpark(this);
            return true;
        }

        @Override
        public void run() {
            while (true) {
                Task task = awaitTask();
                Throwable thrown = null;
                try {
                    task.job().run(task.chunk());
                } catch (Throwable t) {
                    thrown = t;
                }
                slot.set(null);
                task.job().finished(thrown);
            }
        }

        /**
         * The next chunk: polled for {@link #SPIN_NANOS}, then parked for. {@code parked} is written before the slot
         * is read again and {@link #offer} reads it after filling the slot, so one of the two always sees the other.
         */
        private Task awaitTask() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            Task task;
            while ((task = slot.get()) == null) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (slot.get() == null) LockSupport.park(this);
                    parked = false;
                }
            }
            return task;
        }
    }
}
