package dev.kopf.internal.actions;

import dev.kopf.DryRun;
import dev.kopf.Headers;
import dev.kopf.Operation;
import dev.kopf.SslPeer;
import dev.kopf.Subresource;
import dev.kopf.UserInfo;
import dev.kopf.Warnings;

/**
 * The values of one admission request that only admission handlers get, as Kopf's
 * {@code WebhookCause} fields. Made by the admission engine per request; read by the
 * {@link Invoker}'s resolvers through {@link DefaultContext#admission()}.
 *
 * @param operation the operation under admission
 * @param subresource the subresource, or {@link Subresource#NONE}
 * @param dryRun whether the request is a dry run
 * @param warnings the mutable warnings returned with the answer
 * @param userInfo who makes the request
 * @param headers the webhook request's HTTP headers
 * @param sslPeer the API server's client certificate, if any
 */
public record AdmissionValues(Operation operation, Subresource subresource, DryRun dryRun,
        Warnings warnings, UserInfo userInfo, Headers headers, SslPeer sslPeer) {
}
