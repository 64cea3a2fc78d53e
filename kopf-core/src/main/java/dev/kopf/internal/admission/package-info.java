/**
 * Admission webhooks, as Kopf's {@code engines/admission.py} and {@code kits/webhooks.py}:
 * AdmissionReview requests in and answers out, the HTTPS webhook server and its certificates,
 * and the managed webhook configurations.
 *
 * <p>Used by the reactor, which starts it when admission handlers exist. It must not read
 * handler annotations, and it reaches the API only through {@code internal.clients}.
 *
 * <p>Internal; no compatibility guarantees.
 */
package dev.kopf.internal.admission;
