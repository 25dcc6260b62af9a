/**
 * Classification metrics: {@link dev.chainrule.nn.metrics.Metrics#accuracy accuracy} by argmax,
 * {@link dev.chainrule.nn.metrics.Metrics#binaryAccuracy binary accuracy} by a 0.5 threshold, and a
 * {@link dev.chainrule.nn.metrics.ConfusionMatrix} with per-class precision and recall. Metrics read values only;
 * they record no graph.
 */
package dev.chainrule.nn.metrics;
