package dev.kopf.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodOrderTest {

    public static class Unsorted {
        public void zeta() {
        }

        public void alpha() {
        }

        public void mid(String text) {
        }

        public void mid() {
        }
    }

    @Test
    void ordersMethodsAsInTheClassFile() {
        MethodOrder order = MethodOrder.of(List.of(Unsorted.class));
        assertThat(order.declared(Unsorted.class)).extracting(MethodOrderTest::signature)
                .containsExactly("zeta()", "alpha()", "mid(String)", "mid()");
    }

    @Test
    void fallsBackToNamesForClassesWithoutClassFiles() {
        MethodOrder order = MethodOrder.of(List.of());
        assertThat(order.declared(Unsorted.class)).extracting(MethodOrderTest::signature)
                .containsExactly("alpha()", "mid()", "mid(String)", "zeta()");
    }

    private static String signature(Method method) {
        return method.getName() + "(" + (method.getParameterCount() == 0 ? ""
                : method.getParameterTypes()[0].getSimpleName()) + ")";
    }
}
