/** The Kopf for Java operator of the benchmark: one creation handler. */
package dev.kopf.benchmarks.operators.kopf;
