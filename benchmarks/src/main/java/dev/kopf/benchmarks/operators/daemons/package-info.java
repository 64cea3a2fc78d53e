/** The daemons scenario's Kopf handler: one daemon per object; built into its own jar. */
package dev.kopf.benchmarks.operators.daemons;
