package dev.chainrule.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.SafeTensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint file that is not what its metadata promises is refused, naming the file, the entry and the value. */
class TrainingCheckpointTest {
    @TempDir
    Path dir;

    private static LinkedHashMap<String, String> metadata(String step, String learningRate) {
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", TrainingCheckpoint.FORMAT);
        metadata.put("step", step);
        metadata.put("learning_rate", learningRate);
        for (String key : TrainingCheckpoint.SETTINGS) metadata.put(key, "0");
        return metadata;
    }

    private String refused(LinkedHashMap<String, String> metadata) throws Exception {
        Path file = dir.resolve("step-000002.safetensors");
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("model.w", Tensor.zeros(2));
        tensors.put("history.loss", Tensor.zeros(2));
        SafeTensors.write(tensors, metadata, file);
        return assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.read(file)).getMessage()
                .replace(file.toString(), "FILE");
    }

    @Test
    void badMetadataIsNamed() throws Exception {
        assertEquals("TrainingCheckpoint.read: FILE has metadata step = \"two\"; expected a whole number >= 0",
                refused(metadata("two", "0.1")));
        assertEquals("TrainingCheckpoint.read: FILE has metadata step = \"-2\"; expected a whole number >= 0",
                refused(metadata("-2", "0.1")));
        assertEquals("TrainingCheckpoint.read: FILE has metadata learning_rate = \"NaN\"; expected a finite number",
                refused(metadata("2", "NaN")));
        assertEquals("TrainingCheckpoint.read: FILE needs history.loss with 3 values", refused(metadata("3", "0.1")));
        LinkedHashMap<String, String> other = metadata("2", "0.1");
        other.put("format", "something-else");
        assertEquals("TrainingCheckpoint.read: FILE is not a data-parallel checkpoint (metadata format is "
                + "something-else, expected " + TrainingCheckpoint.FORMAT + ")", refused(other));
        LinkedHashMap<String, String> noSeed = metadata("2", "0.1");
        noSeed.remove("seed");
        assertEquals("TrainingCheckpoint.read: FILE has no metadata entry seed", refused(noSeed));
    }

    @Test
    void aWellFormedFileReadsBack() throws Exception {
        Path file = dir.resolve("step-000002.safetensors");
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("model.w", Tensor.of(new double[] {1.5, -0.0}, 2));
        tensors.put("optimizer.0.step", Tensor.scalar(2.0));
        tensors.put("history.loss", Tensor.of(new double[] {0.75, 0.5}, 2));
        SafeTensors.write(tensors, metadata("2", "0.125"), file);
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(file);
        assertEquals(2, checkpoint.step());
        assertEquals(0.125, checkpoint.learningRate());
        TestData.assertSameBits(new double[] {1.5, -0.0}, checkpoint.modelState().get("w").toArray(), "parameters");
        TestData.assertSameBits(new double[] {0.75, 0.5}, checkpoint.losses(), "losses");
        assertEquals(2.0, checkpoint.optimizerState().get("0.step").item());
        assertEquals(TrainingCheckpoint.fileFor(dir, 2), TrainingCheckpoint.latest(dir).orElseThrow());
    }
}
