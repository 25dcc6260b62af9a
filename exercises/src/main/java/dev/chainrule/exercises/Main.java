package dev.chainrule.exercises;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The exercises' command line: {@code chainrule-exercises list | show N | check N --class NAME [--classpath PATH]}.
 * {@code check} exits with 0 when the answer passes, 1 when it fails or is not attempted, and 2 for a bad command
 * line (an unknown exercise, a class that cannot be loaded or implements the wrong interface).
 */
@Command(name = "chainrule-exercises", mixinStandardHelpOptions = true, version = "chainrule-exercises 0.1.0",
        usageHelpWidth = 100, description = "Graded gradient-checking exercises.",
        subcommands = {Main.ListCommand.class, Main.ShowCommand.class, Main.CheckCommand.class})
public final class Main implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with output to {@code stdout} and errors to {@code stderr}; returns the exit code. */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        return new CommandLine(new Main()).setOut(new PrintWriter(stdout, true))
                .setErr(new PrintWriter(stderr, true)).execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code list}: every exercise with its number, title and interface. */
    @Command(name = "list", description = "lists the exercises")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Exercise exercise : Exercises.all()) {
                out.println(String.format(Locale.ROOT, "%3d  %-50s implement %s", exercise.number(), exercise.title(),
                        exercise.answerType().getSimpleName()));
            }
            return CommandLine.ExitCode.OK;
        }
    }

    /** {@code show N}: the statement of exercise N. */
    @Command(name = "show", description = "prints an exercise's statement")
    static final class ShowCommand implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "N", description = "the exercise's number")
        private int number;

        @Override
        public Integer call() {
            Exercise exercise = exercise(spec, number);
            spec.commandLine().getOut().println("Exercise " + exercise.number() + ": " + exercise.title() + "\n\n"
                    + exercise.statement());
            return CommandLine.ExitCode.OK;
        }
    }

    /** {@code check N --class NAME}: grades the student's class. */
    @Command(name = "check", description = "grades your class against exercise N")
    static final class CheckCommand implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "N", description = "the exercise's number")
        private int number;

        @Option(names = "--class", required = true, paramLabel = "NAME",
                description = "your class, e.g. com.example.MySolution, public with a no-argument constructor")
        private String className;

        @Option(names = "--classpath", paramLabel = "PATH", split = "[:;]",
                description = "where your compiled class is, e.g. target/classes (folders or jars)")
        private List<Path> classpath = List.of();

        @Override
        public Integer call() {
            Exercise exercise = exercise(spec, number);
            Object answer = instantiate(spec, className, classpath);
            if (!exercise.answerType().isInstance(answer)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "check: " + className
                        + " does not implement " + exercise.answerType().getName() + ", the interface of exercise "
                        + number);
            }
            Grade grade = exercise.grade(answer);
            spec.commandLine().getOut().println(grade.report());
            return grade.passed() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        }
    }

    private static Exercise exercise(CommandLine.Model.CommandSpec spec, int number) {
        try {
            return Exercises.get(number);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Object instantiate(CommandLine.Model.CommandSpec spec, String className, List<Path> classpath) {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            Path path = classpath.get(i);
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "check: --classpath " + path
                        + " does not exist");
            }
            try {
                urls[i] = path.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "check: --classpath " + path + ": " + e);
            }
        }
        try {
            ClassLoader loader = new URLClassLoader(urls, Main.class.getClassLoader());
            return Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "check: class " + className
                    + " not found; compile it and give its folder with --classpath (e.g. target/classes)");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "check: cannot create " + className
                    + " (it needs to be public with a public no-argument constructor): " + e);
        }
    }
}
