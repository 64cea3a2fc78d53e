package dev.kopf;

import java.util.List;

/**
 * Thrown at start-up when handler declarations are invalid; lists every problem at once.
 *
 * <p>The message looks like:
 * <pre>
 * 2 problems in handler declarations:
 * - &#64;OnCreate method must be public.
 *     at com.example.PodOperator.created(Spec)
 * - Cannot inject parameter #2 of type java.time.Clock. Injectable types: Body, Spec, ...
 *     at com.example.PodOperator.updated(Spec, Clock)
 * </pre>
 *
 * @since 0.1
 */
public class HandlerDeclarationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception from a list of problems, each already formatted with its location.
     *
     * @param problems one entry per problem; never empty
     */
    public HandlerDeclarationException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the problems, one entry per invalid declaration.
     *
     * @return an immutable list
     */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        StringBuilder text = new StringBuilder();
        text.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append(" in handler declarations:");
        for (String problem : problems) {
            text.append("\n- ").append(problem.replace("\n", "\n  "));
        }
        return text.toString();
    }
}
