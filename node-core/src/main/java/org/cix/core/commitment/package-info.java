/**
 * Credit commitments (信用承诺) and their breaches (违诺): a breach is recorded only against a
 * commitment the node holds, within its term; the measures it triggers are configuration
 * ({@code conf/measures/credit-commitments.yaml}).
 */
package org.cix.core.commitment;
