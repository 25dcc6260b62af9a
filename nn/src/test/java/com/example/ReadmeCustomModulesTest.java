package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.ModuleDict;
import dev.chainrule.nn.ModuleSummary;
import dev.chainrule.nn.ReLU;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.pool.MaxPool2d;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * README's custom-module snippets (a module with a {@code ModuleDict} of heads, and {@code summary}), as written, from
 * a package outside {@code dev.chainrule}, with the output README shows.
 */
class ReadmeCustomModulesTest {
    @Test
    void theModuleDictSnippetCompilesAndNamesItsStateAsReadmeSays() {
        MultiTask model = new MultiTask(new Random(0));
        assertEquals(List.of("trunk.weight", "trunk.bias", "heads.digit.weight", "heads.digit.bias",
                "heads.parity.weight", "heads.parity.bias"), List.copyOf(model.stateDict().keySet()));
        assertEquals(List.of(1, 2), List.of(model.forward(Tensor.zeros(1, 16), "parity").shape()[0],
                model.forward(Tensor.zeros(1, 16), "parity").shape()[1]));
    }

    @Test
    void theSummarySnippetPrintsTheTableReadmeShows() {
        Random random = new Random(0);
        Sequential net = new Sequential(new Conv2d(1, 4, 3, random), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(4 * 13 * 13, 10, random));
        ModuleSummary summary = net.summary(1, 1, 28, 28);   // one 28x28 grey image
        // README prints this table with System.out.println(summary); the test compares it instead

        assertEquals("""
                Layer   Type        Output shape    Parameters  Trained
                -------------------------------------------------------
                (root)  Sequential  [1, 10]              6,810  yes
                  0     Conv2d      [1, 4, 26, 26]          40  yes
                  1     ReLU        [1, 4, 26, 26]           0
                  2     MaxPool2d   [1, 4, 13, 13]           0
                  3     Flatten     [1, 676]                 0
                  4     Linear      [1, 10]              6,770  yes
                -------------------------------------------------------
                Input: zeros of shape [1, 1, 28, 28]
                Parameters: 6,810 (trained 6,810, frozen 0)""", summary.toString());
    }
}

final class MultiTask extends Module {
    private final Linear trunk;
    private final ModuleDict<Linear> heads;

    MultiTask(Random random) {
        trunk = registerModule("trunk", new Linear(16, 8, random));
        heads = registerModule("heads", new ModuleDict<>());
        heads.put("digit", new Linear(8, 10, random));
        heads.put("parity", new Linear(8, 2, random));
    }

    Tensor forward(Tensor x, String task) {
        return heads.get(task).forward(trunk.forward(x).relu());
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, "digit");
    }
}
