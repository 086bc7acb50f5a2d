/**
 * The department API: a TLS port of its own where departments' systems and staff call the node
 * under their accounts (client certificate or bearer token), each call allowed by the account's
 * roles, over gRPC and the same operations as HTTP/JSON.
 */
package org.cix.federation.department;
