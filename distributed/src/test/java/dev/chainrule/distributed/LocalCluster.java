package dev.chainrule.distributed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A real multi-process Spark cluster inside a test: {@code local-cluster[workers, 1, 1024]} starts a Master and
 * Workers in this JVM and one executor JVM per Worker, launched as Spark launches them on a cluster
 * ({@code java -cp $SPARK_HOME/jars/* ... CoarseGrainedExecutorBackend}).
 *
 * <p>Note [A Spark home for local-cluster]: the Workers build the executors' command from {@code $SPARK_HOME/jars}
 * and {@code SPARK_SCALA_VERSION}, which the pom's Surefire configuration sets to {@code target/spark-home} and
 * 2.13. This class fills {@code jars/} with links to the jars of the test classpath (Spark's own, resolved by Maven;
 * links rather than 290 MB of copies, copies where the file system has no links), and gives the executors the class
 * directories of the classpath (this module's classes and test classes, and nn's and autograd's in a reactor build)
 * through {@code spark.executor.extraClassPath}: on a real cluster the app jar travels with {@code spark.jars}
 * instead. The executors run the driver's matrix kernel (Note [Spark's JVM flags] in the pom): the Vector API module
 * when the driver has it, else {@code -Dchainrule.kernels=scalar}.
 */
final class LocalCluster {
    /** Why the cluster tests do not run on Java 23+. */
    static final String EXECUTORS_ON_JAVA_23 = "Spark 4.1's executor JVMs call Subject.getSubject as they start, "
            + "which throws on Java 23+ (HADOOP-19212), so no executor registers there";

    private LocalCluster() {}

    /**
     * A context on a new {@code local-cluster[workers, 1, 1024]}: one core and 1 GB per executor JVM, running the
     * driver's matrix kernel.
     */
    static JavaSparkContext start(String appName, int workers) {
        return start(appName, workers, MatrixKernel.THIS_JVM.vectorized()
                ? "--add-modules=jdk.incubator.vector" : "-Dchainrule.kernels=scalar");
    }

    /** The same, with {@code executorJavaOptions} as the executors' extra JVM options. */
    static JavaSparkContext start(String appName, int workers, String executorJavaOptions) {
        if (SparkSession.getDefaultSession().isDefined()
                && !SparkSession.getDefaultSession().get().sparkContext().isStopped()) {
            throw new IllegalStateException("LocalCluster: this JVM already runs a SparkContext (a local[2,2] test "
                    + "ran first; a JVM holds one); Maven runs the cluster tests in a JVM of their own, so select them "
                    + "alone: -Dtest='*ClusterTest'");
        }
        Path sparkHome = sparkHome();
        List<String> directories = linkJarsAndListDirectories(sparkHome.resolve("jars"));
        SparkConf conf = new SparkConf()
                .setMaster("local-cluster[" + workers + ",1,1024]")
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.memory", "1024m")
                .set("spark.executor.extraClassPath", String.join(File.pathSeparator, directories))
                .set("spark.executor.extraJavaOptions", executorJavaOptions);
        JavaSparkContext context = new JavaSparkContext(conf);
        awaitExecutors(context, workers, sparkHome);
        return context;
    }

    /**
     * Waits until {@code count} executors have registered (their JVMs take seconds to start), so that the first
     * job finds them; fails after two minutes, pointing at the executors' logs.
     */
    private static void awaitExecutors(JavaSparkContext context, int count, Path sparkHome) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        // getExecutorMemoryStatus counts the driver's block manager too.
        while (context.sc().getExecutorMemoryStatus().size() < count + 1) {
            if (System.nanoTime() > deadline) {
                context.stop();
                throw new IllegalStateException("LocalCluster: " + count + " executors did not register within two "
                        + "minutes; their logs are in " + sparkHome.resolve("work"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("LocalCluster: interrupted while waiting for executors", e);
            }
        }
    }

    private static Path sparkHome() {
        String home = System.getenv("SPARK_HOME");
        if (home == null || System.getenv("SPARK_SCALA_VERSION") == null) {
            throw new IllegalStateException("LocalCluster: SPARK_HOME and SPARK_SCALA_VERSION must be set; run the "
                    + "cluster tests through Maven (the cluster-tests execution sets both)");
        }
        return Path.of(home);
    }

    /** Links every jar of the test classpath into {@code jars}; returns the classpath's directories. */
    private static List<String> linkJarsAndListDirectories(Path jars) {
        List<String> directories = new ArrayList<>();
        try {
            Files.createDirectories(jars);
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry).toAbsolutePath();
                if (Files.isDirectory(path)) {
                    directories.add(path.toString());
                } else if (path.toString().endsWith(".jar") && Files.isRegularFile(path)) {
                    link(jars.resolve(path.getFileName()), path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("LocalCluster: cannot fill " + jars + ": " + e.getMessage(), e);
        }
        return directories;
    }

    /** Makes {@code link} point at {@code target} (or copies it), replacing a link left by a build elsewhere. */
    private static void link(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) return;
        if (!Files.isSymbolicLink(link) && Files.isRegularFile(link) && Files.size(link) == Files.size(target)) return;
        Files.deleteIfExists(link);
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(target, link);
        }
    }
}
