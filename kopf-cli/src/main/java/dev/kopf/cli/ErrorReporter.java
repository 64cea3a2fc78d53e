package dev.kopf.cli;

import dev.kopf.HandlerDeclarationException;
import dev.kopf.internal.engines.ActivityException;
import dev.kopf.testing.internal.cli.LaunchControls;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions from a command into exit code 1 and a message on stderr, as the house
 * style asks: declaration and configuration errors show their message only ({@code -d}
 * adds the stack trace); unexpected exceptions always show the stack trace. The exception
 * is also recorded for KopfRunner.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    private final LaunchControls controls;
    private final PrintStream err;

    ErrorReporter(LaunchControls controls, PrintStream err) {
        this.controls = controls;
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command,
            ParseResult parseResult) {
        controls.fail(exception);
        print(exception, isDebug(parseResult), err);
        return 1;
    }

    /**
     * Prints an error: the message only for expected errors unless debugging, else the
     * stack trace.
     *
     * @param error the error
     * @param debug whether {@code -d} was given
     * @param err where to print
     */
    static void print(Throwable error, boolean debug, PrintStream err) {
        if (isExpected(error)) {
            err.println(error.getMessage());
        }
        if (debug || !isExpected(error)) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    private static boolean isExpected(Throwable error) {
        return error.getMessage() != null
                && (error instanceof HandlerDeclarationException
                        || error instanceof ConfigurationException
                        || error instanceof IllegalArgumentException
                        || error instanceof KubernetesClientException
                        || error instanceof ActivityException);
    }

    private static boolean isDebug(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
