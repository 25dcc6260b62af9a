package dev.chainrule.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * The template project students copy works without {@code mvn install}: its sources are compiled here against
 * this module's classpath, and its test class runs on the JUnit platform, as {@code mvn test} would run it.
 */
class TemplateProjectTest {
    private static final Path TEMPLATE = Path.of("template");
    private static final String STUB = "throw new UnsupportedOperationException(\"exercise %d: not done yet\");";

    @TempDir
    Path work;

    /** What the template's tests printed (the score table), kept out of the build's output. */
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void theTemplateCompilesAndItsStubsAreGradedAsNotAttempted() throws Exception {
        Path sources = copyTemplate();
        TestExecutionSummary summary = runTemplateTests(compile(sources));
        assertEquals(12, summary.getTestsFoundCount());                 // 11 exercises and the score table
        assertEquals(11, summary.getTestsAbortedCount());
        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(0, summary.getTestsFailedCount());
    }

    @Test
    void aSolvedExercisePassesAndAWrongOneFailsWithItsReport() throws Exception {
        Path sources = copyTemplate();
        replace(sources, "Exercise01SigmoidDerivative", 1, "double s = 1 / (1 + Math.exp(-a)); return s * (1 - s);");
        replace(sources, "Exercise02SigmoidCrossEntropy", 2, "return t - 1 / (1 + Math.exp(-a));");
        TestExecutionSummary summary = runTemplateTests(compile(sources));
        assertEquals(2, summary.getTestsSucceededCount());              // exercise 1 and the score table
        assertEquals(1, summary.getTestsFailedCount());
        assertEquals(9, summary.getTestsAbortedCount());
        String failure = summary.getFailures().get(0).getException().getMessage();
        assertTrue(failure.contains("dJ/da element [0]") && failure.contains("a sign error"), failure);
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("  1  the sigmoid's derivative") && table.contains("score: 1 of 11 passed"), table);
    }

    @Test
    void theCommandLineGradesACompiledTemplateClass() throws Exception {
        Path classes = compile(copyTemplate());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", "4", "--class", "com.example.exercises.Exercise04HiddenWeightGradient",
                "--classpath", classes.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(1, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("not attempted yet"), out.toString(StandardCharsets.UTF_8));
    }

    private Path copyTemplate() throws IOException {
        Path copy = work.resolve("template");
        try (Stream<Path> files = Files.walk(TEMPLATE.resolve("src"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(TEMPLATE.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return copy.resolve("src");
    }

    private static void replace(Path sources, String className, int number, String body) throws IOException {
        Path file = sources.resolve("main/java/com/example/exercises/" + className + ".java");
        String text = Files.readString(file);
        String stub = String.format(STUB, number);
        assertTrue(text.contains(stub), file + " has no stub body");
        Files.writeString(file, text.replace(stub, body));
    }

    /** Compiles the template's main and test sources into one folder, against this module's classpath. */
    private Path compile(Path sources) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classpath(),
                "--release", "17"));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        int code = compiler.run(null, null, new PrintStream(new WriterStream(errors), true, StandardCharsets.UTF_8),
                arguments.toArray(new String[0]));
        assertEquals(0, code, "the template does not compile:\n" + errors);
        return classes;
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private TestExecutionSummary runTemplateTests(Path classes) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                TemplateProjectTest.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> test = loader.loadClass("com.example.exercises.GradeAllTest");
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(test)).build(), listener);
            return listener.getSummary();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            System.setOut(console);
        }
    }

    /** An OutputStream onto a Writer, for the compiler's diagnostics. */
    private static final class WriterStream extends java.io.OutputStream {
        private final StringWriter writer;

        WriterStream(StringWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }
    }
}
