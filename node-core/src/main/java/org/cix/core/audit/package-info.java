/**
 * The audit log: checks, grants, queries about natural persons and other acts of a node, appended
 * to a hash chain (each entry holds the hash of the one before) that {@link AuditChain} verifies.
 */
package org.cix.core.audit;
