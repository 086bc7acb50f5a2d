/**
 * Read front ends: a node process on a hot standby of its writer's database, answering reads
 * (profiles, checks, queries, history, stats) under the writer's node identity while its data
 * is fresh enough, refusing writes, and recording the checks it answers in the writer's
 * database (issue 25; docs/scaling.md).
 */
package org.cix.federation.frontend;
