package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Modules held in a list, PyTorch's {@code nn.ModuleList}: registered under {@code "0"}, {@code "1"}, ... so their
 * parameters and buffers are in {@link #stateDict()} as {@code 0.weight}, ... and follow {@code train()}/{@code eval()};
 * the list is not called itself (its owner decides how to run them), so {@link #forward} refuses.
 *
 * <pre>{@code
 * final class Tower extends Module {
 *     private final ModuleList blocks = registerModule("blocks", new ModuleList());
 *     Tower(Random random) { for (int i = 0; i < 3; i++) blocks.add(new Linear(8, 8, random)); }
 *     public Tensor forward(Tensor x) { for (Module block : blocks) x = block.forward(x).tanh(); return x; }
 * }
 * // state_dict: blocks.0.weight, blocks.0.bias, blocks.1.weight, ...
 * }</pre>
 *
 * @param <M> the kind of module held
 */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {
    private final List<M> modules = new ArrayList<>();

    /** Appends {@code module} under the next index name; returns it. */
    public M add(M module) {
        if (module == null) throw new IllegalArgumentException("ModuleList: module " + modules.size() + " is null");
        modules.add(registerModule(Integer.toString(modules.size()), module));
        return module;
    }

    /** The module at {@code index}. */
    public M get(int index) {
        if (index < 0 || index >= modules.size()) {
            throw new IllegalArgumentException("ModuleList.get: index " + index + " is out of range [0, "
                    + modules.size() + ")");
        }
        return modules.get(index);
    }

    /** The number of modules. */
    public int size() {
        return modules.size();
    }

    @Override
    public Iterator<M> iterator() {
        return List.copyOf(modules).iterator();
    }

    /** Refuses: a list of modules has no forward of its own (as PyTorch's). */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleList has no forward: call its modules (get(i), or iterate)");
    }
}
