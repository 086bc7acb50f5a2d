package org.cix.core.sync;

/** Why an item or a bundle is refused: a stable reason code and a message for people. */
public record Refusal(String code, String detail) {}
