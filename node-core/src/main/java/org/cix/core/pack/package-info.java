/**
 * Standardised credit data packages: the records of a subject, or of an industry (GB/T 4754) in a
 * region, with their origins' seals, proofs and certificate chains, a human summary, and a
 * manifest signed by the exporting node, in one zip that anyone holding the national root can
 * verify offline ({@link org.cix.core.pack.PackageVerifier}).
 */
package org.cix.core.pack;
