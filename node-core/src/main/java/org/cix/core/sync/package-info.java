/**
 * Federation sync, the domain half (DESIGN.md section 5): which versions go over which link
 * ({@link org.cix.core.sync.Routing}), bundles built and signed from the change log
 * ({@link org.cix.core.sync.BundleBuilder}), received bundles checked in the protocol's order and
 * stored with their provenance ({@link org.cix.core.sync.BundleReceiver}), and the store port
 * that keeps cursors, provenance and the exchange ledger ({@link org.cix.core.sync.ExchangeStore}).
 * The gRPC stream that carries bundles is in the federation module.
 */
package org.cix.core.sync;
