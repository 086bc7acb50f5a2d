/**
 * Certificate revocation across the federation: a CA's revocation list travels as a sealed
 * record to every node, which verifies it and from then on refuses the certificates it names.
 */
package org.cix.core.revocation;
