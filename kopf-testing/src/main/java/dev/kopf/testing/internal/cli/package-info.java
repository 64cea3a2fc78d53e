/**
 * The hook between {@code KopfRunner} and the {@code kopf} command: kopf-cli depends on
 * kopf-testing (for the embedded API server), so the runner finds the CLI through
 * {@link java.util.ServiceLoader} and the {@link dev.kopf.testing.internal.cli.CommandLauncher}
 * SPI, and steers it with {@link dev.kopf.testing.internal.cli.LaunchControls} (Kopf's
 * {@code CLIControls}: a stop flag, a ready flag and optional presets).
 *
 * <p>Must not depend on picocli or on kopf-cli. Internal; no compatibility guarantees.
 */
package dev.kopf.testing.internal.cli;
