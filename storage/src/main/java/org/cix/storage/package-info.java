/**
 * The node-core ports on JDBC: H2 in file mode (the embedded default) and PostgreSQL, with
 * versioned schema migrations. Filled by the record store (issue 3).
 */
package org.cix.storage;
