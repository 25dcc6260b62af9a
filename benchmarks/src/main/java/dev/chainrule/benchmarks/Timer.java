package dev.chainrule.benchmarks;

import java.util.Arrays;

/**
 * Times a repeated action the way {@code torch_reference.py}'s {@code t} does: warm up, then timed rounds of
 * {@code reps} calls each, and report the median round's time per call, with the fastest and slowest round beside it
 * (ten rounds in full and quick runs, where the script takes five: a spread needs more than five).
 *
 * <p>Two differences, both for the JIT. The warm-up runs for at least {@code warmupSeconds} (HotSpot compiles a
 * method after thousands of calls, so the Python script's {@code reps / 10} calls are too few) and then goes on, in
 * rounds like the timed ones, until three rounds in a row agree within {@value #STABLE} (the compiler has caught up:
 * on two cores the JIT shares them with the kernel threads) or {@value #WARMUP_CAP} times {@code warmupSeconds} have
 * passed. And {@code reps} is chosen from a calibrated estimate so that one round lasts about {@code roundSeconds},
 * capped by the script's own count so a fast workload is not repeated more than PyTorch repeats it.
 */
record Timer(double warmupSeconds, double roundSeconds, int rounds, int maxWarmupCalls) {
    /** Full runs: 1 s of warm-up at least, ten rounds of about 0.5 s. */
    static final Timer DEFAULT = new Timer(1.0, 0.5, 10, Integer.MAX_VALUE);
    /** {@code --quick}: a tenth of that. */
    static final Timer QUICK = new Timer(0.2, 0.05, 10, Integer.MAX_VALUE);
    /** {@code --smoke}: one call per round, only to check that every workload runs. */
    static final Timer SMOKE = new Timer(0, 0, 3, 1);

    /** Warm-up rounds in a row whose times per call agree within this ratio end the warm-up. */
    static final double STABLE = 1.05;
    /** The warm-up stops after this many times {@code warmupSeconds}, stable or not. */
    static final int WARMUP_CAP = 20;

    /** Seconds per call of each timed round, sorted: the fastest first. */
    record Rounds(double[] secondsPerCall) {
        double min() {
            return secondsPerCall[0];
        }

        double median() {
            return secondsPerCall[secondsPerCall.length / 2];
        }

        double max() {
            return secondsPerCall[secondsPerCall.length - 1];
        }

        int count() {
            return secondsPerCall.length;
        }
    }

    /** The timed rounds of {@code action}, with at most {@code maxReps} calls per round. */
    Rounds secondsPerCall(Runnable action, int maxReps) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warmupCalls = Math.min(maxWarmupCalls, Math.max(2, maxReps / 10));
        long start = System.nanoTime();
        int calls = 0;
        while (calls < warmupCalls || System.nanoTime() < warmupEnd) {
            action.run();
            calls++;
        }
        double estimate = (System.nanoTime() - start) / 1e9 / calls;
        int reps = (int) Math.max(1, Math.min(maxReps, Math.ceil(roundSeconds / Math.max(estimate, 1e-9))));
        if (maxWarmupCalls == Integer.MAX_VALUE) warmUntilStable(action, reps, start);
        double[] perCall = new double[rounds];
        for (int r = 0; r < rounds; r++) perCall[r] = round(action, reps);
        Arrays.sort(perCall);
        return new Rounds(perCall);
    }

    private void warmUntilStable(Runnable action, int reps, long start) {
        long cap = start + (long) (WARMUP_CAP * warmupSeconds * 1e9);
        double[] last = {round(action, reps), round(action, reps), round(action, reps)};
        for (int i = 0; System.nanoTime() < cap; i++) {
            double min = Math.min(last[0], Math.min(last[1], last[2]));
            double max = Math.max(last[0], Math.max(last[1], last[2]));
            if (max <= STABLE * min) return;
            last[i % 3] = round(action, reps);
        }
    }

    private static double round(Runnable action, int reps) {
        long s = System.nanoTime();
        for (int i = 0; i < reps; i++) action.run();
        return (System.nanoTime() - s) / 1e9 / reps;
    }
}
