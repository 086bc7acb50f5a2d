/**
 * Authority: who may say what about whom. A node originates only records decided and supplied by
 * departments of its own jurisdiction ({@link org.cix.core.authority.DepartmentJurisdiction}),
 * checked at ingest and by every receiver.
 */
package org.cix.core.authority;
