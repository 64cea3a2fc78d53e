package dev.kopf;

/**
 * How admission webhooks are served (see {@code docs/admission.md}).
 *
 * <p>The {@code admission} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#admission}.
 *
 * @param managed the name of the webhook configurations to create and keep up to date,
 *     e.g. {@code auto.kopf.dev}, or {@code null} to leave them alone
 * @param server the webhook server, or {@code null}: then admission handlers fail the
 *     start-up
 * @since 0.1
 */
public record AdmissionSettings(String managed, WebhookServer server) {

    /**
     * Returns a copy managing the webhook configurations of that name.
     *
     * @param value the configurations' name, or {@code null} for none
     * @return the changed group
     */
    public AdmissionSettings managed(String value) {
        return new AdmissionSettings(value, server);
    }

    /**
     * Returns a copy with a webhook server.
     *
     * @param value the server settings
     * @return the changed group
     */
    public AdmissionSettings server(WebhookServer value) {
        return new AdmissionSettings(managed, value);
    }
}
