package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.ReLU;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.embedding.Embedding;
import dev.chainrule.nn.recurrent.LSTM;
import dev.chainrule.nn.transformer.AttentionMask;
import dev.chainrule.nn.transformer.TransformerEncoderLayer;
import dev.chainrule.nn.conv.Conv1d;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.norm.BatchNorm2d;
import dev.chainrule.nn.norm.GroupNorm;
import dev.chainrule.nn.norm.LayerNorm;
import dev.chainrule.nn.pool.AdaptiveAvgPool2d;
import dev.chainrule.nn.pool.AvgPool1d;
import dev.chainrule.nn.pool.MaxPool2d;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints that PyTorch 1.13 wrote (by {@code resources/interop/make_small_cnn.py}, state_dicts with I64
 * {@code num_batches_tracked}) load by PyTorch's names into the same networks written with Chainrule's layers and
 * give PyTorch's outputs to 1e-12, in evaluation and in training mode (where the running statistics must move as
 * PyTorch's did); the checkpoint we write back is byte for byte the file PyTorch's side wrote, and, where
 * {@code /usr/bin/python3} has torch, PyTorch's {@code load_state_dict(strict=True)} accepts it.
 */
class TorchInteropTest {
    private static final double TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    /** PyTorch's {@code Sequential(Conv2d, BatchNorm2d, ReLU, MaxPool2d, Conv2d, BatchNorm2d, ReLU, ...)}. */
    static Module smallCnn() {
        Random random = new Random(0);
        return new Sequential(
                new Conv2d(1, 4, 3, Conv2d.Options.of().withPadding(1), random), new BatchNorm2d(4), new ReLU(),
                new MaxPool2d(2), new Conv2d(4, 6, 3, random), new BatchNorm2d(6), new ReLU(),
                new AdaptiveAvgPool2d(1), new Flatten(), new Linear(6, 3, random));
    }

    /** PyTorch's {@code Sequential(Conv1d, GroupNorm, ReLU, AvgPool1d, Flatten, LayerNorm, Linear)}. */
    static Module smallSequenceNet() {
        Random random = new Random(0);
        return new Sequential(
                new Conv1d(2, 4, 3, Conv1d.Options.of().withPadding(1), random), new GroupNorm(2, 4), new ReLU(),
                new AvgPool1d(2), new Flatten(), new LayerNorm(16), new Linear(16, 3, random));
    }

    /**
     * PyTorch's small character model: {@code Embedding(20, 8)}, {@code LSTM(8, 12, batch_first)}, a post-norm
     * {@code TransformerEncoderLayer(12, 2, 24)} under a causal mask, {@code Linear(12, 20)}.
     */
    static final class CharModel extends Module {
        private final Embedding emb;
        private final LSTM lstm;
        private final TransformerEncoderLayer block;
        private final Linear head;

        CharModel() {
            Random random = new Random(0);
            emb = registerModule("emb", new Embedding(20, 8, random));
            lstm = registerModule("lstm", new LSTM(8, 12, LSTM.Options.of().withBatchFirst(true), random));
            block = registerModule("block", new TransformerEncoderLayer(12, 2, TransformerEncoderLayer.Options.of()
                    .withDimFeedforward(24).withDropout(0).withBatchFirst(true), random));
            head = registerModule("head", new Linear(12, 20, random));
        }

        @Override
        public Tensor forward(Tensor ids) {
            Tensor out = lstm.forward(emb.forward(ids));
            return head.forward(block.forward(out, AttentionMask.causal(ids.size(1)), null));
        }
    }

    @Test
    void pytorchCharacterModelCheckpointGivesPytorchsOutputAndWritesBackTheSameFile() throws IOException {
        Module model = new CharModel();
        Path original = resource("small_charlm.safetensors");
        Checkpoint.load(model, original);
        Map<String, Tensor> expected = SafeTensors.read(resource("small_charlm_expected.safetensors"));
        model.eval();
        assertClose("eval_output", expected.get("eval_output"), forward(model, expected.get("x")));
        model.train();
        assertClose("train_output", expected.get("train_output"), forward(model, expected.get("x")));
        Path ours = dir.resolve("charlm.safetensors");
        Checkpoint.save(model, ours);
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(ours));
    }

    @Test
    void pytorchCnnCheckpointGivesPytorchsEvalOutput() throws IOException {
        Module model = smallCnn();
        Checkpoint.load(model, resource("small_cnn.safetensors"));
        Map<String, Tensor> expected = SafeTensors.read(resource("small_cnn_expected.safetensors"));
        model.eval();
        assertClose("eval_output", expected.get("eval_output"), forward(model, expected.get("x")));
    }

    @Test
    void pytorchCnnInTrainingModeMatchesOutputAndRunningStatistics() throws IOException {
        Module model = smallCnn();
        Checkpoint.load(model, resource("small_cnn.safetensors"));
        Map<String, Tensor> expected = SafeTensors.read(resource("small_cnn_expected.safetensors"));
        model.train();
        assertClose("train_output", expected.get("train_output"), forward(model, expected.get("x")));
        LinkedHashMap<String, Tensor> state = model.stateDict();
        for (String name : new String[] {"1.running_mean", "1.running_var", "5.running_mean", "5.running_var",
                "1.num_batches_tracked", "5.num_batches_tracked"}) {
            assertClose(name, expected.get("train_state." + name), state.get(name));
        }
        assertEquals(4.0, state.get("1.num_batches_tracked").item());
    }

    @Test
    void pytorchSequenceCheckpointGivesPytorchsOutput() throws IOException {
        Module model = smallSequenceNet();
        Checkpoint.load(model, resource("small_seq.safetensors"));
        Map<String, Tensor> expected = SafeTensors.read(resource("small_seq_expected.safetensors"));
        model.eval();
        assertClose("eval_output", expected.get("eval_output"), forward(model, expected.get("x")));
        model.train();
        assertClose("train_output", expected.get("train_output"), forward(model, expected.get("x")));
    }

    @Test
    void ourCheckpointIsTheFilePytorchWroteByteForByte() throws IOException {
        for (String name : new String[] {"small_cnn", "small_seq"}) {
            Module model = name.equals("small_cnn") ? smallCnn() : smallSequenceNet();
            Path original = resource(name + ".safetensors");
            Checkpoint.load(model, original);
            Path ours = dir.resolve(name + ".safetensors");
            Checkpoint.save(model, ours);
            assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(ours), name);
        }
    }

    @Test
    void pytorchLoadsOurCheckpointsWhereTorchIsInstalled() throws Exception {
        assumeTrue(torchAvailable(), "/usr/bin/python3 with torch is not installed");
        Path script = resource("make_small_cnn.py");
        for (String kind : new String[] {"cnn", "charlm"}) {
            String stem = kind.equals("cnn") ? "small_cnn" : "small_charlm";
            Module model = kind.equals("cnn") ? smallCnn() : new CharModel();
            Checkpoint.load(model, resource(stem + ".safetensors"));
            Path ours = dir.resolve("ours-" + kind + ".safetensors");
            Checkpoint.save(model, ours);
            Process verify = new ProcessBuilder("/usr/bin/python3", script.toString(), "verify", ours.toString(), kind,
                    resource(stem + "_expected.safetensors").toString()).redirectErrorStream(true).start();
            String output = new String(verify.getInputStream().readAllBytes());
            assertTrue(verify.waitFor(120, TimeUnit.SECONDS), "verify did not finish");
            assertEquals(0, verify.exitValue(), kind + ": " + output);
            assertTrue(output.contains("OK"), output);
        }
    }

    private static boolean torchAvailable() {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) return false;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Tensor forward(Module model, Tensor x) {
        try (var off = Autograd.noGrad()) {
            return model.forward(x);
        }
    }

    private Path resource(String name) throws IOException {
        Path copy = dir.resolve("resource-" + name);
        if (!Files.exists(copy)) {
            try (InputStream in = TorchInteropTest.class.getResourceAsStream("/interop/" + name)) {
                if (in == null) throw new IOException("missing test resource /interop/" + name);
                Files.copy(in, copy);
            }
        }
        return copy;
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(a[i] - e[i]) <= TOLERANCE * Math.max(1, Math.abs(e[i])),
                    what + "[" + i + "]: expected " + e[i] + ", got " + a[i]);
        }
    }
}
