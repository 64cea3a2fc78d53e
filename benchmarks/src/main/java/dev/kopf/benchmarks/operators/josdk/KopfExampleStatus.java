package dev.kopf.benchmarks.operators.josdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The status the benchmark writes: {@code createFn: {message: hello world}}, as Kopf does. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KopfExampleStatus {
    private Map<String, Object> createFn;

    public Map<String, Object> getCreateFn() {
        return createFn;
    }

    public void setCreateFn(Map<String, Object> createFn) {
        this.createFn = createFn;
    }
}
