package dev.chainrule.distributed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Experiment sweeps on Spark: one task per configuration, each training a whole small model where it runs, the
 * results returned as a Spark {@code Dataset<Row>} to sort, filter and save.
 *
 * <pre>{@code
 * Dataset<Row> results = Sweeps.run(spark, SweepGrid.of().activations("sigmoid", "tanh", "relu", "gelu")
 *         .learningRates(0.05, 0.2).configs(), MlpExperiment.of(DigitsData::split, 64, 10));
 * results.orderBy(functions.desc("validation_accuracy")).show();
 * results.write().parquet("sweep.parquet");
 * }</pre>
 *
 * <p>The configurations are a few bytes each, so they are shipped from the driver ({@code parallelize}); the data is
 * loaded by each task. The results are collected once and the Dataset is built from them, so showing, sorting and
 * saving it never trains again.
 */
public final class Sweeps {
    /**
     * The columns of a sweep's results: {@code index, activation, learning_rate, width, depth, seed, final_loss,
     * validation_loss, validation_accuracy, loss_curve} (an array of one loss per epoch).
     */
    public static final StructType SCHEMA = new StructType()
            .add("index", DataTypes.IntegerType, false)
            .add("activation", DataTypes.StringType, false)
            .add("learning_rate", DataTypes.DoubleType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("depth", DataTypes.IntegerType, false)
            .add("seed", DataTypes.LongType, false)
            .add("final_loss", DataTypes.DoubleType, false)
            .add("validation_loss", DataTypes.DoubleType, false)
            .add("validation_accuracy", DataTypes.DoubleType, false)
            .add("loss_curve", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    private Sweeps() {}

    /**
     * Runs every configuration in its own Spark task and returns the results in grid order, one row each.
     *
     * @throws IllegalArgumentException when there are no configurations, or an experiment rejects its configuration
     */
    public static Dataset<Row> run(SparkSession spark, List<SweepConfig> configs, Experiment experiment) {
        if (configs.isEmpty()) throw new IllegalArgumentException("Sweeps.run: no configurations");
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<SweepResult> results;
        try {
            context.setJobDescription("chainrule sweep of " + configs.size());
            results = new ArrayList<>(context.parallelize(new ArrayList<>(configs), configs.size())
                    .map(experiment::run).collect());
        } catch (Exception e) {
            throw SparkErrors.unwrap(e);
        }
        results.sort(Comparator.comparingInt(r -> r.config().index()));
        List<Row> rows = new ArrayList<>();
        for (SweepResult result : results) rows.add(toRow(result));
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** The same configurations trained one after another in this thread, without Spark: the reference. */
    public static List<SweepResult> runLocal(List<SweepConfig> configs, Experiment experiment) {
        List<SweepResult> results = new ArrayList<>();
        for (SweepConfig config : configs) results.add(experiment.run(config));
        return results;
    }

    /** The rows of a results Dataset (with {@link #SCHEMA}'s columns) as records, in index order. */
    public static List<SweepResult> results(Dataset<Row> frame) {
        List<SweepResult> results = new ArrayList<>();
        for (Row row : frame.collectAsList()) results.add(fromRow(row));
        results.sort(Comparator.comparingInt(r -> r.config().index()));
        return results;
    }

    static Row toRow(SweepResult result) {
        SweepConfig c = result.config();
        return RowFactory.create(c.index(), c.activation(), c.learningRate(), c.width(), c.depth(), c.seed(),
                result.finalLoss(), result.validationLoss(), result.validationAccuracy(), result.lossCurve().clone());
    }

    static SweepResult fromRow(Row row) {
        SweepConfig config = new SweepConfig(row.getInt(row.fieldIndex("index")),
                row.getString(row.fieldIndex("activation")), row.getDouble(row.fieldIndex("learning_rate")),
                row.getInt(row.fieldIndex("width")), row.getInt(row.fieldIndex("depth")),
                row.getLong(row.fieldIndex("seed")));
        List<Double> curve = row.getList(row.fieldIndex("loss_curve"));
        return new SweepResult(config, row.getDouble(row.fieldIndex("final_loss")),
                row.getDouble(row.fieldIndex("validation_loss")), row.getDouble(row.fieldIndex("validation_accuracy")),
                curve.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
