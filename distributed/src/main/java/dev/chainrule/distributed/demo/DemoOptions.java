package dev.chainrule.distributed.demo;

import java.nio.file.Path;

/**
 * The demo's command line.
 *
 * @param master  the Spark master URL when spark-submit gives none ({@code local[2]} by default)
 * @param out     where the pictures and the sweep's results go
 * @param outGiven whether {@code --out} was given (cluster deploy mode requires it)
 * @param blocks  blocks of the data-parallel run
 * @param steps   steps of the data-parallel run
 * @param batch   rows per block per step
 * @param epochs  epochs of each sweep configuration
 */
record DemoOptions(String master, Path out, boolean outGiven, int blocks, int steps, int batch, int epochs) {
    static final String USAGE = """
            Usage: DistributedDemo [--master URL] [--out DIR] [--blocks N] [--steps N] [--batch N] [--epochs N]
              --master URL   Spark master when spark-submit sets none (default local[2])
              --out DIR      pictures and sweep results (default out; required in cluster deploy mode)
              --blocks N     blocks of the data-parallel digits run (default 8)
              --steps N      its steps (default 300)
              --batch N      its rows per block per step (default 16)
              --epochs N     epochs of each activation in the sweep (default 20)""";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    static DemoOptions parse(String... args) {
        String master = "local[2]";
        Path out = Path.of("out");
        boolean outGiven = false;
        int blocks = 8;
        int steps = 300;
        int batch = 16;
        int epochs = 20;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException(name + ": needs a value (or unknown option)");
            String value = args[++i];
            switch (name) {
                case "--master" -> master = value;
                case "--out" -> {
                    out = Path.of(value);
                    outGiven = true;
                }
                case "--blocks" -> blocks = positive(name, value);
                case "--steps" -> steps = positive(name, value);
                case "--batch" -> batch = positive(name, value);
                case "--epochs" -> epochs = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new DemoOptions(master, out, outGiven, blocks, steps, batch, epochs);
    }

    /**
     * Refuses to run in cluster deploy mode without {@code --out}: the driver then runs on a Worker, and the default
     * {@code out} would land in that Worker's scratch directory, removed with the application.
     *
     * @throws IllegalArgumentException naming the option and the reason
     */
    void checkDeployMode(String deployMode) {
        if ("cluster".equals(deployMode) && !outGiven) {
            throw new IllegalArgumentException("--out: required in cluster deploy mode (the driver runs on a Worker, "
                    + "and the default out would land in its scratch directory); give a directory on a file system "
                    + "the driver's machine shares with you, e.g. --out /shared/chainrule-demo");
        }
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": must be a whole number >= 1, got " + value);
    }
}
