package org.cix.federation.link;

/** Who dialled: this node (outbound) or the neighbour (inbound). */
public enum LinkDirection {
  OUTBOUND,
  INBOUND
}
