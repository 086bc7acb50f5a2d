package org.cix.core.audit;

import java.time.Instant;

/**
 * One act to be audited: when, who (an official, a department, or another node and its asker),
 * what ({@code check}, {@code grant.issue}, {@code grant.revoke}, {@code query.answer},
 * {@code profile.person}), about which subject (empty when none) and the details (purpose, decision).
 */
public record AuditEvent(Instant at, String actor, String action, String subject, String detail) {}
