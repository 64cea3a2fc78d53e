package dev.kopf.cli.handlers;

import dev.kopf.OnCreate;

/** An operator with an admission handler beside a changing one. */
public class AdmissionHandlers {

    @OnCreate("kopfexamples.v1.kopf.dev")
    public void created() {
    }

    @OnValidate
    public void validate() {
    }
}
