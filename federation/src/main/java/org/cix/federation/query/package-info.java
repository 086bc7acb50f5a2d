/** Federated query over the federation port: asking the parent, answering children and peers. */
package org.cix.federation.query;
