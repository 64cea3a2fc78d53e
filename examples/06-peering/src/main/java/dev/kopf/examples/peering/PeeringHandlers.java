package dev.kopf.examples.peering;

import dev.kopf.OnCreate;

/** A trivial operator: the example is about running several of them (see the README). */
public class PeeringHandlers {

    @OnCreate("kopfexamples")
    public void createFn() {
    }
}
