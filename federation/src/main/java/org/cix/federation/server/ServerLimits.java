package org.cix.federation.server;

import java.time.Duration;

/**
 * Explicit transport limits of the federation server and its client channels.
 *
 * @param maxInboundMessageBytes largest message accepted (a bundle is bounded well below this)
 * @param keepAliveTime how often an idle transport is pinged
 * @param keepAliveTimeout how long a ping may go unanswered before the transport is dropped
 * @param permitKeepAliveTime the most frequent client pings a server tolerates
 * @param maxConnectionIdle a connection without calls for this long is closed
 * @param maxConnectionAge a connection is asked to go away after this long (links then redial)
 * @param maxConnectionAgeGrace calls get this long to finish after going away
 * @param handshakeTimeout a link must complete Hello/Welcome within this
 * @param threads threads that run service calls
 */
public record ServerLimits(
    int maxInboundMessageBytes,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration permitKeepAliveTime,
    Duration maxConnectionIdle,
    Duration maxConnectionAge,
    Duration maxConnectionAgeGrace,
    Duration handshakeTimeout,
    int threads) {

  public static ServerLimits defaults() {
    return new ServerLimits(
        16 * 1024 * 1024,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofMinutes(15),
        Duration.ofHours(24),
        Duration.ofMinutes(1),
        Duration.ofSeconds(10),
        4);
  }
}
