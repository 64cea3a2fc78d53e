package dev.kopf.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.HandlerFunctions;
import dev.kopf.Param;
import dev.kopf.Patch;
import dev.kopf.Spec;
import dev.kopf.internal.actions.Slot;
import org.junit.jupiter.api.Test;

class FunctionShapeTest {

    public String handle(Spec spec) {
        return "handled";
    }

    /** A class implementing a function type keeps its parameters' qualifiers. */
    public static class Implementation implements HandlerFunctions.Fn2<Spec, String> {
        @Override
        public Object call(Spec spec, @Param String param) {
            return param;
        }
    }

    @Test
    void readsTheDeclaredTypesOfALambdaThatCaptures() {
        String captured = "value";
        HandlerFunctions.Fn2<Spec, Patch> fn = (Spec spec, Patch patch) -> captured;
        FunctionShape shape = FunctionShape.of(fn);
        assertThat(shape.parameters()).extracting(Slot::type)
                .containsExactly(Spec.class, Patch.class);
        assertThat(shape.method()).isNull();
        assertThat(shape.description()).isEqualTo("a lambda in " + getClass().getName());
    }

    @Test
    void namesAMethodReferenceByItsMethod() {
        HandlerFunctions.Fn1<Spec> fn = this::handle;
        FunctionShape shape = FunctionShape.of(fn);
        assertThat(shape.method()).isEqualTo("handle");
        assertThat(shape.parameters()).extracting(Slot::type).containsExactly(Spec.class);
        assertThat(shape.description()).isEqualTo(getClass().getName() + ".handle(Spec)");
    }

    @Test
    void readsAClassWithItsQualifiers() {
        FunctionShape shape = FunctionShape.of(new Implementation());
        assertThat(shape.parameters()).extracting(Slot::type)
                .containsExactly(Spec.class, String.class);
        assertThat(shape.parameters().get(1).qualifiers().isAnnotationPresent(Param.class))
                .isTrue();
    }
}
