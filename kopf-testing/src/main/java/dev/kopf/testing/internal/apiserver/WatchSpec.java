package dev.kopf.testing.internal.apiserver;

/**
 * What one watcher asked for.
 *
 * @param type the watched resource in the requested version (objects are rendered in it)
 * @param selection the namespace and selectors
 * @param bookmarks whether {@code allowWatchBookmarks} was set
 * @param initialEventsEnd whether {@code sendInitialEvents} was set, so that the bookmark after
 *     the initial events carries the {@code k8s.io/initial-events-end} annotation
 */
record WatchSpec(ResourceType type, Selection selection, boolean bookmarks,
        boolean initialEventsEnd) {
}
