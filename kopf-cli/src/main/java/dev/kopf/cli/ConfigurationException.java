package dev.kopf.cli;

/**
 * A problem with the command's configuration or environment, such as a missing cluster or
 * an unsupported option: the CLI prints the message only (plus the stack trace with
 * {@code -d}) and exits with code 1.
 */
final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigurationException(String message) {
        super(message);
    }

    ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
