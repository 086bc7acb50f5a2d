package org.cix.core.profile;

/** A node that was asked and did not answer in time, and why. */
public record Unanswered(String node, String reason) {}
