/**
 * The {@code kopf} command: parsing with picocli ({@code kopf run}, {@code kopf --version}),
 * logging set-up, the choice of cluster (a kubeconfig, the in-cluster service account, or
 * the embedded API server), and running an {@link dev.kopf.Operator} until it stops.
 *
 * <p>Only {@link dev.kopf.cli.Main} is public API; {@code KopfCommandLauncher} is public
 * only for {@link java.util.ServiceLoader}. The runtime's own messages are logged by the
 * runtime, never repeated here.
 */
package dev.kopf.cli;
