package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Modules held by name, PyTorch's {@code nn.ModuleDict}: in insertion order, each registered under its key, so their
 * parameters and buffers are in {@link #stateDict()} as {@code key.weight}, ... (and {@code heads.key.weight} when
 * the dictionary is itself registered as {@code heads}), and follow {@code train()}/{@code eval()}. Putting a
 * module under a key that is taken replaces the module there and keeps its position, as a Python dict does. The
 * dictionary is not called itself (its owner decides which modules to run), so {@link #forward} refuses.
 *
 * <pre>{@code
 * final class MultiTask extends Module {
 *     private final Linear trunk;
 *     private final ModuleDict<Linear> heads;
 *
 *     MultiTask(Random random) {
 *         trunk = registerModule("trunk", new Linear(16, 8, random));
 *         heads = registerModule("heads", new ModuleDict<>());
 *         heads.put("digit", new Linear(8, 10, random));
 *         heads.put("parity", new Linear(8, 2, random));
 *     }
 *
 *     public Tensor forward(Tensor x) { return heads.get("digit").forward(trunk.forward(x).relu()); }
 * }
 * // state_dict: trunk.weight, trunk.bias, heads.digit.weight, heads.digit.bias, heads.parity.weight, ...
 * }</pre>
 *
 * @param <M> the kind of module held
 */
public final class ModuleDict<M extends Module> extends Module {
    private final LinkedHashMap<String, M> modules = new LinkedHashMap<>();

    /**
     * Puts {@code module} under {@code key}, after the modules already held, or in place of the module held under
     * {@code key}; returns {@code module}.
     *
     * @throws IllegalArgumentException when the key is null, empty or contains a dot (keys are parts of dotted
     *                                  {@code state_dict} names), or the module is null or this dictionary
     */
    public M put(String key, M module) {
        if (key == null || key.isEmpty() || key.contains(".")) {
            throw new IllegalArgumentException("ModuleDict.put: invalid key " + (key == null ? "null" : "'" + key + "'")
                    + "; keys are non-empty and without dots, as they become state_dict names such as key.weight");
        }
        if (module == null) throw new IllegalArgumentException("ModuleDict.put: the module for key '" + key + "' is null");
        if (modules.containsKey(key)) {
            replaceModule(key, module);
        } else {
            registerModule(key, module);
        }
        modules.put(key, module);
        return module;
    }

    /**
     * The module under {@code key}.
     *
     * @throws IllegalArgumentException when no module is held under {@code key}, listing the keys
     */
    public M get(String key) {
        M module = modules.get(key);
        if (module == null) {
            throw new IllegalArgumentException("ModuleDict.get: no module under key '" + key + "'; the keys are "
                    + modules.keySet());
        }
        return module;
    }

    /** Whether a module is held under {@code key}. */
    public boolean containsKey(String key) {
        return modules.containsKey(key);
    }

    /** The keys, in insertion order (a copy). */
    public List<String> keys() {
        return List.copyOf(modules.keySet());
    }

    /** The modules, in the order of their keys (a copy). */
    public List<M> values() {
        return List.copyOf(modules.values());
    }

    /** The number of modules. */
    public int size() {
        return modules.size();
    }

    /** Refuses: a dictionary of modules has no forward of its own (as PyTorch's). */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleDict has no forward: call its modules (get(key), or values())");
    }
}
