package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleOptionsTest {
    private static final ExampleOptions NONE = ExampleOptions.defaults();

    @Test
    void withoutHiddenTheExamplesDefaultsHold() {
        assertEquals(List.of(500), NONE.hiddenLayersOr(500));
        assertEquals(List.of(32, 32), NONE.hiddenLayersOr(32, 32));
        assertEquals(32, NONE.hiddenWidthOr("depth", 32));
    }

    @Test
    void oneWidthKeepsTheDefaultDepth() {
        ExampleOptions one = NONE.withHidden(64);
        assertEquals(List.of(64), one.hiddenLayersOr(500));
        assertEquals(List.of(64, 64), one.hiddenLayersOr(32, 32));
        assertEquals(64, one.hiddenWidthOr("depth", 32));
    }

    @Test
    void aListSetsTheLayers() {
        ExampleOptions three = NONE.withHidden(500, 400, 300);
        assertEquals(List.of(500, 400, 300), three.hiddenLayersOr(500));
        assertEquals(List.of(500, 400, 300), three.hiddenLayersOr(32, 32));
        var error = assertThrows(UsageError.class, () -> three.hiddenWidthOr("depth", 32));
        assertEquals("depth: --hidden takes one width here (the example sets the depth itself), got 500,400,300",
                error.getMessage());
    }
}
