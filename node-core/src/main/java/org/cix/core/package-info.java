/**
 * The domain of a cix node: jurisdictions and regions, links and their policy, and (as the
 * project grows) identifiers, the catalog, ingest, routing, discipline and objections, with the
 * ports the storage and federation modules implement. No gRPC, no JDBC.
 */
package org.cix.core;
