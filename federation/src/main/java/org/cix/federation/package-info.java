/**
 * The network face of a node: gRPC over Netty with mutual TLS 1.3, peer identity from the
 * certificate, links to parent, children and peers, and the loopback-only admin service.
 */
package org.cix.federation;
