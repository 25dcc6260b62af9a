package dev.chainrule.examples;

/** What an example returns: numbers that tests assert on, and the paragraph that ends its run. */
public interface ExampleResult {
    /** One paragraph saying what the run showed. */
    String summary();
}
