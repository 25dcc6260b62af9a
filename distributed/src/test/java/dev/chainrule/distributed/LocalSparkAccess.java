package dev.chainrule.distributed;

import org.apache.spark.sql.SparkSession;

/** The shared test session for test classes outside this package. */
public final class LocalSparkAccess {
    private LocalSparkAccess() {}

    public static SparkSession session() {
        return LocalSpark.session();
    }
}
