/**
 * The admission round-trip benchmark: one operator serving a validating handler that returns
 * at once, measured from a client posting AdmissionReviews over HTTPS. Not a test; run by
 * hand (see {@code docs/performance.md}).
 */
package dev.kopf.benchmarks.admission;
