package dev.chainrule.distributed;

import org.apache.spark.sql.SparkSession;

/** The shared test session for test classes outside this package. */
public final class LocalSparkAccess {
    private LocalSparkAccess() {}

    /** The shared {@code local[2,2]} session; see {@code LocalSpark}. */
    public static SparkSession session() {
        return LocalSpark.session();
    }
}
