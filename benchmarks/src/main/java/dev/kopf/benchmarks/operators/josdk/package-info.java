/** The Java Operator SDK 5.2.3 operator of the benchmark: one status-patching reconciler. */
package dev.kopf.benchmarks.operators.josdk;
