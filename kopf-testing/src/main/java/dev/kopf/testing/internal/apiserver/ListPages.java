package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paging of lists with {@code limit} and {@code continue}.
 *
 * <p>The first page keeps the whole filtered result aside, so that later pages come from the
 * same snapshot and carry the same resourceVersion, as on a real server. Only the most recent
 * snapshots are kept; a continue token whose snapshot is gone gets 410 Expired, as a token
 * older than the etcd compaction does.
 */
final class ListPages {
    private static final int MAX_SNAPSHOTS = 256;

    /** One page of a list. */
    record Page(long resourceVersion, List<StoredObject> items, String continueToken,
            Long remainingItemCount) {
        Page {
            items = List.copyOf(items);
        }
    }

    private record Remainder(long resourceVersion, List<StoredObject> items) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Remainder> snapshots = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Remainder> eldest) {
            return size() > MAX_SNAPSHOTS;
        }
    };

    /** The first page of a fresh list; {@code limit <= 0} means everything. */
    Page first(long resourceVersion, List<StoredObject> items, int limit) {
        if (limit <= 0 || items.size() <= limit) {
            return new Page(resourceVersion, items, null, null);
        }
        return page(remember(resourceVersion, items), resourceVersion, items, 0, limit);
    }

    /** The page after a continue token. */
    Page next(String token, int limit) {
        long id;
        int offset;
        try {
            JsonNode decoded = JsonNodes.parse(Base64.getUrlDecoder().decode(token));
            id = decoded.path("id").asLong(-1);
            offset = decoded.path("offset").asInt(-1);
        } catch (IllegalArgumentException | ApiStatusException e) {
            throw ApiStatusException.badRequest("continue key is not valid: " + token);
        }
        Remainder remainder;
        synchronized (snapshots) {
            remainder = snapshots.get(id);
        }
        if (remainder == null || offset < 0 || offset > remainder.items().size()) {
            throw ApiStatusException.expired("The provided continue parameter is too old to"
                    + " display a consistent list result. You can start a new list without the"
                    + " continue parameter.");
        }
        Page page = page(id, remainder.resourceVersion(), remainder.items(), offset, limit);
        if (page.continueToken() == null) {
            synchronized (snapshots) {
                snapshots.remove(id);
            }
        }
        return page;
    }

    private static Page page(long id, long resourceVersion, List<StoredObject> items,
            int offset, int limit) {
        int end = limit <= 0 ? items.size() : Math.min(items.size(), offset + limit);
        List<StoredObject> pageItems = items.subList(offset, end);
        if (end >= items.size()) {
            return new Page(resourceVersion, pageItems, null, null);
        }
        ObjectNode token = JsonNodes.object();
        token.put("rv", resourceVersion);
        token.put("id", id);
        token.put("offset", end);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(
                JsonNodes.write(token).getBytes(StandardCharsets.UTF_8));
        return new Page(resourceVersion, pageItems, encoded, (long) (items.size() - end));
    }

    private long remember(long resourceVersion, List<StoredObject> items) {
        long id = ids.incrementAndGet();
        synchronized (snapshots) {
            snapshots.put(id, new Remainder(resourceVersion, List.copyOf(items)));
        }
        return id;
    }
}
