package dev.kopf.examples.indexing;

import dev.kopf.Index;
import dev.kopf.IndexOf;
import dev.kopf.IndexView;
import dev.kopf.Meta;
import dev.kopf.OnProbe;
import dev.kopf.Patch;
import dev.kopf.Status;
import dev.kopf.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** In-memory indexes of pods, read by probes and by a timer of the example objects. */
public class IndexExamples {

    // {[kube-system, traefik-…]: true, [kube-system, helm-install-traefik-…]: false, …}
    @Index("pods")
    public Map<List<String>, Boolean> isRunning(Meta meta, Status status) {
        return Map.of(List.of(meta.namespace(), meta.name()),
                "Running".equals(status.get("phase")));
    }

    // {[app, traefik]: [traefik-…], [job-name, helm-install-traefik]: [helm-install-…], …}
    @Index("pods")
    public Map<List<String>, String> byLabel(Meta meta) {
        Map<List<String>, String> entries = new LinkedHashMap<>();
        meta.labels().forEach((label, value) -> entries.put(List.of(label, value), meta.name()));
        return entries;
    }

    @OnProbe
    public int podCount(@IndexOf("isRunning") IndexView<List<String>, Boolean> isRunning) {
        return isRunning.size();
    }

    @OnProbe
    public List<String> podNames(
            @IndexOf("isRunning") IndexView<List<String>, Boolean> isRunning) {
        return isRunning.keySet().stream().map(key -> key.get(1)).toList();
    }

    @Timer(value = "kex", interval = 5)
    public void intervalled(@IndexOf("isRunning") IndexView<List<String>, Boolean> isRunning,
            @IndexOf("byLabel") IndexView<List<String>, String> byLabel, Patch patch,
            Logger logger) {
        logger.info("Pods by label: {}", byLabel.asMap());
        List<String> running = new ArrayList<>();
        for (Map.Entry<List<String>, Collection<Boolean>> entry : isRunning.asMap().entrySet()) {
            String namespace = entry.getKey().get(0);
            if ((namespace.equals("kube-system") || namespace.equals("default"))
                    && entry.getValue().contains(Boolean.TRUE)) {
                running.add(namespace + "::" + entry.getKey().get(1));
            }
        }
        patch.status().put("running-pods", running);
    }
}
