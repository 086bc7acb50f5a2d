/**
 * Objections and credit repair: a request filed at any node becomes a {@code correction-request}
 * record that travels to the origin of the record it concerns; only the origin decides, by a new
 * version of its record (objection flag, correction, revocation, repair) and a
 * {@code correction-decision} record that travels back to the filing node. Every node keeps a
 * projection of the requests it holds, read from its change log ({@link
 * org.cix.core.correction.Corrections#process}).
 */
package org.cix.core.correction;
