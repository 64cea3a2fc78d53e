package dev.kopf.internal.logging;

import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.helpers.ThreadLocalMapOfStacks;
import org.slf4j.spi.MDCAdapter;

/**
 * MDC on plain (not inheritable) thread-locals. SLF4J's {@code BasicMDCAdapter} inherits the
 * map into new threads, so a pool thread started while a handler ran would carry that
 * object's {@code [ns/name]} prefix forever.
 */
final class KopfMdcAdapter implements MDCAdapter {

    private final ThreadLocal<Map<String, String>> maps = new ThreadLocal<>();
    private final ThreadLocalMapOfStacks stacks = new ThreadLocalMapOfStacks();

    @Override
    public void put(String key, String value) {
        if (key == null) {
            throw new IllegalArgumentException("key cannot be null");
        }
        Map<String, String> map = maps.get();
        Map<String, String> copy = map == null ? new HashMap<>() : new HashMap<>(map);
        copy.put(key, value);
        maps.set(copy);
    }

    @Override
    public String get(String key) {
        Map<String, String> map = maps.get();
        return map == null || key == null ? null : map.get(key);
    }

    @Override
    public void remove(String key) {
        Map<String, String> map = maps.get();
        if (map != null && map.containsKey(key)) {
            Map<String, String> copy = new HashMap<>(map);
            copy.remove(key);
            maps.set(copy.isEmpty() ? null : copy);
        }
    }

    @Override
    public void clear() {
        maps.remove();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        Map<String, String> map = maps.get();
        return map == null ? null : new HashMap<>(map);
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        maps.set(contextMap == null || contextMap.isEmpty() ? null : new HashMap<>(contextMap));
    }

    @Override
    public void pushByKey(String key, String value) {
        stacks.pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return stacks.popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return stacks.getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        stacks.clearDequeByKey(key);
    }
}
