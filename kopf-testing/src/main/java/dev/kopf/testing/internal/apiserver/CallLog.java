package dev.kopf.testing.internal.apiserver;

import dev.kopf.testing.RecordedCall;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every request served, in arrival order of completion; cheap to append from any thread. */
final class CallLog {
    private final Queue<RecordedCall> calls = new ConcurrentLinkedQueue<>();

    void record(RecordedCall call) {
        calls.add(call);
    }

    List<RecordedCall> snapshot() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
    }
}
