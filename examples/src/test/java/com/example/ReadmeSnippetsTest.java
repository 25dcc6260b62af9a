package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * README as a contract: every {@code java} block of the root README compiles as written in package
 * {@code com.example}, outside {@code dev.chainrule}, against the built classes, and runs in its own JVM.
 * A block's {@code import} lines become the file's imports, its top-level declarations (classes, records,
 * methods) members of a class, and its statements that class's {@code main}, in the order written.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    /** A top-level type declaration; it becomes a static member. */
    private static final Pattern TYPE = Pattern.compile(
            "(public |private |static |final |abstract |sealed |non-sealed )*(class|record|interface|enum) \\w+.*");
    /** A top-level method, which a snippet declares {@code static}. */
    private static final Pattern METHOD = Pattern.compile("static [\\w<>\\[\\], ]+ \\w+\\(.*");
    private static List<Snippet> snippets;
    private static Path classes;

    /** A {@code java} block and the README line it starts on. */
    record Snippet(int line, List<String> lines) {
        String className() {
            return "ReadmeLine" + line;
        }

        /** The block as a compilation unit of package {@code com.example}. */
        String source() {
            List<String> imports = new ArrayList<>();
            List<String> members = new ArrayList<>();
            List<String> statements = new ArrayList<>();
            boolean inDeclaration = false;
            for (String text : lines) {
                if (inDeclaration) {
                    members.add(text);
                    inDeclaration = !text.equals("}");
                } else if (text.startsWith("import ")) {
                    imports.add(text);
                } else if (text.startsWith("@")) {
                    members.add(text);
                } else if (TYPE.matcher(text).matches() || METHOD.matcher(text).matches()) {
                    members.add(text.startsWith("static ") ? text : "static " + text);
                    inDeclaration = !text.endsWith("}");
                } else {
                    statements.add(text);
                }
            }
            return "package com.example;\n" + String.join("\n", imports) + "\n\npublic final class " + className()
                    + " {\n" + String.join("\n", members)
                    + "\n\npublic static void main(String[] args) throws Exception {\n"
                    + String.join("\n", statements) + "\n}\n}\n";
        }
    }

    @BeforeAll
    static void compileEverySnippet() throws Exception {
        snippets = extract(Files.readAllLines(README, StandardCharsets.UTF_8));
        Path testClasses = Path.of(ReadmeSnippetsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = Files.createDirectories(testClasses.resolveSibling("readme-snippets"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<JavaFileObject> units = new ArrayList<>();
            Path sources = Files.createDirectories(classes.resolve("src"));
            for (Snippet s : snippets) {
                Path file = sources.resolve(s.className() + ".java");
                Files.writeString(file, s.source());
                files.getJavaFileObjects(file).forEach(units::add);
            }
            List<String> options = List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                    "-classpath", classPath());
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, units).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> "README block at line "
                            + d.getSource().getName().replaceAll(".*ReadmeLine(\\d+).*", "$1")
                            + ", generated line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertTrue(compiled && errors.isEmpty(), "README snippets do not compile from com.example:\n" + errors);
        }
    }

    @Test
    void theReadmeHasJavaSnippets() {
        assertFalse(snippets.isEmpty(), "no ```java blocks found in " + README.toAbsolutePath());
    }

    @TestFactory
    List<DynamicTest> everySnippetRunsAsWritten() {
        return snippets.stream()
                .map(s -> DynamicTest.dynamicTest("README line " + s.line(), () -> run(s)))
                .toList();
    }

    private static void run(Snippet snippet) throws Exception {
        Path workDir = Files.createDirectories(classes.resolve("run-" + snippet.line()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", classes + File.pathSeparator + classPath(), "com.example." + snippet.className())
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "README line " + snippet.line() + " did not finish");
        assertEquals(0, process.exitValue(), "README line " + snippet.line() + " failed:\n" + output);
    }

    static List<Snippet> extract(List<String> readme) {
        List<Snippet> found = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).strip().equals("```java")) continue;
            int start = i + 1;
            List<String> block = new ArrayList<>();
            for (i = start; i < readme.size() && !readme.get(i).strip().equals("```"); i++) block.add(readme.get(i));
            found.add(new Snippet(start + 1, block));
        }
        return found;
    }

    /** The test JVM's class path: Surefire's own property when it runs from a manifest-only jar. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
