package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphExampleTest {
    @Test
    void writesTheGraphAndDerivesPathByPath(@TempDir Path folder) throws Exception {
        var sink = new ByteArrayOutputStream();
        GraphExample.Result result = GraphExample.run(TestSupport.quiet(folder, sink));
        String dot = Files.readString(result.dot());
        assertTrue(dot.startsWith("digraph"), dot);
        for (String op : new String[] {"matmul", "sigmoid"}) assertTrue(dot.contains(op), "no " + op + " in\n" + dot);
        assertTrue(dot.contains("\"W") || dot.contains("W\\n") || dot.contains("label=\"W"), "leaf W is named:\n" + dot);
        assertTrue(result.ops() >= 4);
        assertEquals(2, result.derivation().paths().size());
        assertEquals(2 + 1 - Math.pow(Math.tanh(0.5), 2), result.derivative(), 1e-12);
        assertEquals(result.autograd(), result.derivative(), 1e-12);
        String printed = sink.toString(StandardCharsets.UTF_8);
        if (result.png() == null) {
            assertTrue(printed.contains("apt-get install graphviz"), printed);
        } else {
            assertTrue(javax.imageio.ImageIO.read(result.png().toFile()).getWidth() > 0);
        }
    }
}
