/**
 * The web console: server-rendered pages on the department API's HTTPS port for staff signed in
 * with their accounts (a subject at a glance, work queues by role, the exchange as it moves). Every
 * page is made from calls to the department service under the signed-in account, so roles,
 * refusals and the audit are the API's own.
 */
package org.cix.federation.console;
