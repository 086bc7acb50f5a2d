/**
 * The features of a running node as Guice modules: each binds what it adds to the node (its admin
 * RPC service into the {@link org.cix.federation.feature.AdminRpc} set, its change-log follower
 * into the set of followers) from the {@link org.cix.federation.feature.NodeRuntime} the node
 * starts with; the node starts what is bound ({@link org.cix.federation.feature.Features}).
 */
package org.cix.federation.feature;
