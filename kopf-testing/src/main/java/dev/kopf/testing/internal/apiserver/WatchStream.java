package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher: a queue that the store fills under its lock and a drain task that filters,
 * renders and sends the events on a pool thread.
 *
 * <p>Writers only append to the queue, so a slow watcher never stalls a write. Per-watcher
 * filtering happens here, after the lock: an object that stops matching the selectors is sent
 * as DELETED, one that starts matching as ADDED. A watcher that falls {@link #MAX_BACKLOG}
 * events behind is closed, as the real API server closes unresponsive watchers; its client
 * resumes from the last resourceVersion it saw.
 */
final class WatchStream {
    static final int MAX_BACKLOG = 100_000;

    private static final Logger logger = LoggerFactory.getLogger(WatchStream.class);

    private sealed interface Item permits Change, Bookmark, Failure, End {
    }

    private record Change(ChangeEvent event) implements Item {
    }

    private record Bookmark(long resourceVersion, boolean initialEventsEnd) implements Item {
    }

    private record Failure(ObjectNode status) implements Item {
    }

    private record End() implements Item {
    }

    private final WatchSpec spec;
    private final WatchSink sink;
    private final Executor executor;
    private final Queue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> closeActions = new ArrayList<>();
    private volatile boolean overflowed;

    WatchStream(WatchSpec spec, WatchSink sink, Executor executor) {
        this.spec = spec;
        this.sink = sink;
        this.executor = executor;
    }

    WatchSpec spec() {
        return spec;
    }

    GroupResource resource() {
        return spec.type().resource();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Runs an action once the stream is closed (or at once if it already is). */
    void onClose(Runnable action) {
        synchronized (closeActions) {
            if (!closed.get()) {
                closeActions.add(action);
                return;
            }
        }
        action.run();
    }

    /** Queues a change; called by the store under its lock, so it must stay cheap. */
    void offer(ChangeEvent event) {
        enqueue(new Change(event));
    }

    void offerBookmark(long resourceVersion, boolean initialEventsEnd) {
        enqueue(new Bookmark(resourceVersion, initialEventsEnd));
    }

    /** Sends an ERROR event with this Status, then ends the stream. */
    void fail(ApiStatusException failure) {
        enqueue(new Failure(failure.toStatus()));
        enqueue(new End());
    }

    /** Ends the stream after the events already queued (a watch timeout). */
    void finish() {
        enqueue(new End());
    }

    private void enqueue(Item item) {
        if (closed.get() || overflowed) {
            return;
        }
        if (backlog.incrementAndGet() > MAX_BACKLOG) {
            overflowed = true;
        } else {
            queue.add(item);
        }
        schedule();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                close();
            }
        }
    }

    private void drain() {
        try {
            while (true) {
                Item item;
                while ((item = queue.poll()) != null) {
                    backlog.decrementAndGet();
                    if (closed.get() || !deliver(item)) {
                        close();
                        return;
                    }
                }
                if (overflowed) {
                    logger.debug("Closing a watch of {} that fell {} events behind.",
                            resource(), MAX_BACKLOG);
                    close();
                    return;
                }
                draining.set(false);
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            logger.warn("A watch stream of {} failed; closing it.", resource(), e);
            close();
        }
    }

    /** Sends one item; {@code false} when the stream must end. */
    private boolean deliver(Item item) {
        if (item instanceof Change change) {
            String frame = render(change.event());
            return frame == null || sink.send(frame);
        }
        if (item instanceof Bookmark bookmark) {
            return !spec.bookmarks() || sink.send(bookmarkFrame(bookmark));
        }
        if (item instanceof Failure failure) {
            return sink.send("{\"type\":\"ERROR\",\"object\":" + JsonNodes.write(failure.status())
                    + "}");
        }
        return false;
    }

    /** Renders a change as this watcher sees it, or {@code null} if it sees nothing. */
    String render(ChangeEvent event) {
        Selection selection = spec.selection();
        String type;
        switch (event.type()) {
            case ADDED -> type = selection.matches(event.newObject()) ? "ADDED" : null;
            case DELETED -> type = selection.matches(event.newObject()) ? "DELETED" : null;
            default -> {
                boolean before = selection.matches(event.oldObject());
                boolean after = selection.matches(event.newObject());
                type = before && after ? "MODIFIED" : after ? "ADDED" : before ? "DELETED" : null;
            }
        }
        if (type == null) {
            return null;
        }
        StoredObject shown = event.newObject();
        if ("DELETED".equals(type) && event.type() == ChangeEvent.Type.MODIFIED) {
            // As the apiserver's cacher: the object that left the selector is sent with its
            // previous content (which still matched), at the change's resourceVersion.
            ObjectNode previous = event.oldObject().copy();
            previous.with("metadata").put("resourceVersion",
                    Long.toString(event.resourceVersion()));
            shown = new StoredObject(previous, event.resourceVersion());
        }
        return "{\"type\":\"" + type + "\",\"object\":"
                + shown.json(spec.type().apiVersion()) + "}";
    }

    private String bookmarkFrame(Bookmark bookmark) {
        ObjectNode object = JsonNodes.object();
        object.put("kind", spec.type().kind());
        object.put("apiVersion", spec.type().apiVersion());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(bookmark.resourceVersion()));
        if (bookmark.initialEventsEnd()) {
            metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        return "{\"type\":\"BOOKMARK\",\"object\":" + JsonNodes.write(object) + "}";
    }

    /** Closes the stream: stops delivery, runs the close actions, closes the sink. */
    void close() {
        List<Runnable> actions;
        synchronized (closeActions) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            actions = new ArrayList<>(closeActions);
            closeActions.clear();
        }
        queue.clear();
        for (Runnable action : actions) {
            action.run();
        }
        sink.close();
    }
}
