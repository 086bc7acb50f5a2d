/** Statistics of the exchange: who sent what to whom, when, how much, refused why, how fast. */
package org.cix.core.stats;
