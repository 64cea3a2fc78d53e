/**
 * The benchmark harness: starts an API server and each framework's operator in processes of
 * their own, drives the workload, measures from /proc and the server's call log, and reports
 * medians and ratios (docs/performance.md). Benchmark-only; never a dependency of anything.
 */
package dev.kopf.benchmarks.harness;
