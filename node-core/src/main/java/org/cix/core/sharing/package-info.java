/**
 * Sharing control: which records may leave this node for which other node (the sharing levels of
 * the catalog and the grants this node issues), and masking of natural persons' data.
 */
package org.cix.core.sharing;
