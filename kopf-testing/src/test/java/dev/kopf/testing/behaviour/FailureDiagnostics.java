package dev.kopf.testing.behaviour;

import dev.kopf.testing.EmbeddedKubernetes;
import dev.kopf.testing.RecordedCall;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a behaviour test prints when a wait runs out, before its operator is closed: the
 * embedded server's last requests and every thread's stack. An intermittent failure in CI
 * (an operator that stops receiving watch events on a loaded machine) cannot be rerun at
 * will, so its one occurrence must say which side stopped: whether the watch requests reached
 * the server and were answered, and what the operator's, the client's and the server's threads
 * were doing at that moment.
 */
final class FailureDiagnostics {
    private static final int CALLS = 60;
    private static final int FRAMES = 14;

    private FailureDiagnostics() {
    }

    /** Prints the diagnostics to standard error, which the test report keeps. */
    static void print(String what, EmbeddedKubernetes server) {
        System.err.println(describe(what, server));
    }

    static String describe(String what, EmbeddedKubernetes server) {
        StringBuilder text = new StringBuilder();
        text.append("=== Diagnostics: ").append(what).append(" ===\n");
        if (server != null) {
            List<RecordedCall> calls = server.calls();
            text.append("The embedded server's last ").append(Math.min(CALLS, calls.size()))
                    .append(" of ").append(calls.size()).append(" requests:\n");
            for (RecordedCall call : calls.subList(Math.max(0, calls.size() - CALLS),
                    calls.size())) {
                text.append("  ").append(call.timestamp()).append(' ').append(call.method())
                        .append(' ').append(call.path())
                        .append(call.query().isEmpty() ? "" : "?" + call.query())
                        .append(" -> ").append(call.code()).append('\n');
            }
        }
        text.append("Threads:\n");
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        stacks.keySet().stream().sorted(Comparator.comparing(Thread::getName)).forEach(thread -> {
            text.append("  \"").append(thread.getName()).append("\" ")
                    .append(thread.getState()).append('\n');
            StackTraceElement[] frames = stacks.get(thread);
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                text.append("      at ").append(frames[i]).append('\n');
            }
        });
        return text.append("=== End of diagnostics ===").toString();
    }
}
