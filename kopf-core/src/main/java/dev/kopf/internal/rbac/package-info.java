/**
 * Least-privilege RBAC derived from the handlers: which API calls the runtime will make for
 * the registered handlers and options ({@link dev.kopf.internal.rbac.RbacRules}), what the
 * optional features add ({@link dev.kopf.internal.rbac.FeatureNeeds}), and how those needs
 * become Roles and ClusterRoles ({@link dev.kopf.internal.rbac.RolePlan}).
 *
 * <p>Used by {@code kopf manifests}. Must not call the API server nor read handler
 * annotations: it works from a built registry and a list of served resources. Internal; no
 * compatibility guarantees.
 */
package dev.kopf.internal.rbac;
