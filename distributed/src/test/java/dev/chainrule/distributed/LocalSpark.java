package dev.chainrule.distributed;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session every test class shares (a JVM holds one SparkContext; starting it takes seconds).
 * {@code local[2,2]}: two worker threads, and each task may fail once and be retried (plain {@code local[2]} never
 * retries a task; the retry test needs the second attempt). Spark's own shutdown hook stops it when the JVM ends.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("chainrule-distributed-tests")
                    .master("local[2,2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
