/**
 * The accounts of a node: departments' systems and staff that reach the node over its department
 * API, each tied to a department the node registered and entitled by its roles.
 */
package org.cix.core.account;
