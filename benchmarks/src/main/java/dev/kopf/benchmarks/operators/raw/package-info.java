/** The raw-client floor: a fabric8 informer and 16 workers, one status patch per object. */
package dev.kopf.benchmarks.operators.raw;
