/**
 * Keys, X.509 node certificates and the CA hierarchy, signatures and hashing.
 * Works on bytes and JCA types; knows no other cix module.
 */
package org.cix.crypto;
