package org.cix.core.discipline;

/**
 * A check as it is asked: the subject, the action about to be taken, and who asks for what
 * purpose (recorded with every check).
 */
public record CheckRequest(String subject, String action, String asker, String purpose) {}
