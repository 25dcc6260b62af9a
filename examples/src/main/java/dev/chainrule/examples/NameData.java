package dev.chainrule.examples;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The first names the {@code names} example learns to spell, and their encoding as tokens. The bundled set: 8,403
 * English first names in lower case a-z, one per line (Moby Word II, public domain; see DATA_LICENSES.md).
 *
 * <p>The vocabulary has {@value #VOCABULARY} tokens: {@code '.'} (index 0) marks both ends of a name, and
 * {@code a..z} are 1..26. A name of n letters is one row of a sequence dataset: the inputs are {@code '.'} and the
 * letters, the targets the letters and {@code '.'} (each input's next token), both padded to the context length;
 * targets after the end are {@value #IGNORED}, which the loss skips. {@code "emma"} with context 6:
 * <pre>
 * inputs   .  e  m  m  a  .        0  5 13 13  1  0
 * targets  e  m  m  a  .  -        5 13 13  1  0 -1
 * </pre>
 */
public final class NameData {
    /** The bundled resource. */
    public static final String RESOURCE = "/data/names.txt";
    /** The boundary token, which starts and ends every name. */
    public static final char BOUNDARY = '.';
    /** The number of tokens: the boundary and the 26 letters. */
    public static final int VOCABULARY = 27;
    /** The target of a position after the end of a name, which no loss counts. */
    public static final int IGNORED = -1;
    /** The seed of the fixed train/validation/test split. */
    public static final long SPLIT_SEED = 42;

    private NameData() {}

    /** The three parts of the names: 80 %, 10 % and 10 %. */
    public record Split(List<String> train, List<String> validation, List<String> test) {}

    /** The bundled names, in file order (sorted). */
    public static List<String> bundled() {
        try (InputStream raw = NameData.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) throw new IllegalStateException("the resource " + RESOURCE + " is missing from the jar");
            return parse(new BufferedReader(new InputStreamReader(raw, StandardCharsets.US_ASCII)), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The names in {@code file}, one per line (blank lines skipped), in file order.
     *
     * @throws IllegalArgumentException naming the line of a name that is not lower-case a-z
     */
    public static List<String> read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    private static List<String> parse(BufferedReader reader, String source) throws IOException {
        List<String> names = new ArrayList<>();
        String line;
        for (int number = 1; (line = reader.readLine()) != null; number++) {
            String name = line.strip();
            if (name.isEmpty()) continue;
            if (!name.matches("[a-z]+")) {
                throw new IllegalArgumentException(source + ": line " + number + " holds '" + name
                        + "'; names must be lower-case a-z only");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** The names shuffled by {@code new Random(seed)}, then cut 80/10/10. */
    public static Split split(List<String> names, long seed) {
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new Random(seed));
        int train = (int) Math.round(0.8 * names.size());
        int validation = (int) Math.round(0.9 * names.size());
        return new Split(List.copyOf(shuffled.subList(0, train)), List.copyOf(shuffled.subList(train, validation)),
                List.copyOf(shuffled.subList(validation, names.size())));
    }

    /** The token of {@code c}: 0 for {@code '.'}, 1..26 for a..z. */
    public static int token(char c) {
        if (c == BOUNDARY) return 0;
        if (c < 'a' || c > 'z') throw new IllegalArgumentException("NameData: '" + c + "' is not '.' or a-z");
        return c - 'a' + 1;
    }

    /** The character of token {@code t}. */
    public static char character(int t) {
        return t == 0 ? BOUNDARY : (char) ('a' + t - 1);
    }

    /** The context length that fits every name of {@code names} with its start token: the longest name + 1. */
    public static int contextFor(List<String> names) {
        return names.stream().mapToInt(String::length).max().orElse(0) + 1;
    }

    /** The number of tokens a model predicts for {@code names}: each letter and each name's end. */
    public static int characters(List<String> names) {
        return names.stream().mapToInt(name -> name.length() + 1).sum();
    }

    /**
     * The names as a sequence dataset: features (inputs) and targets of shape {@code [names, context]}, as the
     * class comment shows.
     *
     * @throws IllegalArgumentException when a name does not fit in {@code context}
     */
    public static Dataset sequences(List<String> names, int context) {
        double[] inputs = new double[names.size() * context];
        double[] targets = new double[names.size() * context];
        Arrays.fill(targets, IGNORED);
        for (int n = 0; n < names.size(); n++) {
            String name = names.get(n);
            if (name.length() + 1 > context) {
                throw new IllegalArgumentException("NameData.sequences: '" + name + "' needs a context of "
                        + (name.length() + 1) + ", got " + context);
            }
            for (int i = 0; i <= name.length(); i++) {
                int next = i < name.length() ? token(name.charAt(i)) : 0;
                if (i < name.length()) inputs[n * context + i + 1] = next;
                targets[n * context + i] = next;
            }
        }
        return Dataset.ofTargets(Tensor.of(inputs, names.size(), context), Tensor.of(targets, names.size(), context));
    }
}
