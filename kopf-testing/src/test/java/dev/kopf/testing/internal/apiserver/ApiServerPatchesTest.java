package dev.kopf.testing.internal.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Merge patch (the examples of RFC 7386 appendix A), JSON patch and strategic merge. */
class ApiServerPatchesTest {
    private static JsonNode json(String text) {
        return JsonNodes.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'a':'b'}                | {'a':'c'}             | {'a':'c'}",
        "{'a':'b'}                | {'b':'c'}             | {'a':'b','b':'c'}",
        "{'a':'b'}                | {'a':null}            | {}",
        "{'a':'b','b':'c'}        | {'a':null}            | {'b':'c'}",
        "{'a':['b']}              | {'a':'c'}             | {'a':'c'}",
        "{'a':'c'}                | {'a':['b']}           | {'a':['b']}",
        "{'a':{'b':'c'}}          | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}        | {'a':[1]}             | {'a':[1]}",
        "['a','b']                | ['c','d']             | ['c','d']",
        "{'a':'b'}                | ['c']                 | ['c']",
        "{'a':'foo'}              | null                  | null",
        "{'a':'foo'}              | 7                     | 7",
        "{'e':null}               | {'a':1}               | {'e':null,'a':1}",
        "[1,2]                    | {'a':'b','c':null}    | {'a':'b'}",
        "{}                       | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
    })
    void mergePatchFollowsRfc7386(String target, String patch, String expected) {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{'op':'test','path':'/a','value':2}]",
        "[{'op':'remove','path':'/missing'}]",
        "[{'op':'replace','path':'/missing','value':1}]",
        "[{'op':'add','path':'/missing/child','value':1}]",
        "[{'op':'add','path':'/list/5','value':1}]",
        "[{'op':'move','from':'/missing','path':'/b'}]",
        "[{'op':'frobnicate','path':'/a'}]",
        "[{'op':'add','path':'/a'}]",
    })
    void invalidJsonPatchesAreUnprocessable(String patch) {
        assertThatThrownBy(() -> JsonPatch.apply(json("{'a':1,'list':[1]}"), json(patch)))
                .isInstanceOfSatisfying(ApiStatusException.class,
                        e -> assertThat(e.code()).isEqualTo(422));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{'op':'test','path':'/a','value':1.0}]  | {'a':1,'list':[1]}",
        "[{'op':'add','path':'','value':{'x':1}}] | {'x':1}",
        "[{'op':'add','path':'/a~1b','value':2}]  | {'a':1,'list':[1],'a/b':2}",
        "[{'op':'remove','path':'/list/0'}]       | {'a':1,'list':[]}",
    })
    void jsonPatchFollowsRfc6902(String patch, String expected) {
        assertThat(JsonPatch.apply(json("{'a':1,'list':[1]}"), json(patch)))
                .isEqualTo(json(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}"
                + " | {'spec':{'containers':[{'name':'b','image':'z'}]}}"
                + " | {'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'z'}]}}",
        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}"
                + " | {'spec':{'containers':[{'name':'a','$patch':'delete'}]}}"
                + " | {'spec':{'containers':[{'name':'b'}]}}",
        "{'metadata':{'finalizers':['a','b']}}"
                + " | {'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}"
                + " | {'metadata':{'finalizers':['b']}}",
        "{'metadata':{'finalizers':['a']}}"
                + " | {'metadata':{'$setElementOrder/finalizers':['a','b'],'finalizers':['b']}}"
                + " | {'metadata':{'finalizers':['a','b']}}",
        "{'status':{'conditions':[{'type':'Ready','status':'False'}]}}"
                + " | {'status':{'conditions':[{'type':'Ready','status':'True'}]}}"
                + " | {'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
        "{'spec':{'args':['a','b']}} | {'spec':{'args':['c']}} | {'spec':{'args':['c']}}",
        "{'data':{'a':'1','b':'2'}} | {'data':{'$patch':'replace','c':'3'}} | {'data':{'c':'3'}}",
    })
    void strategicMergePatchMergesKeyedLists(String target, String patch, String expected) {
        assertThat(StrategicMergePatch.apply(json(target), json(patch)))
                .isEqualTo(json(expected));
    }
}
