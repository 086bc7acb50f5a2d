/**
 * Certificate renewal over the link: the parent's side ({@link
 * org.cix.federation.certificates.CertificatesService}) and the node's ({@link
 * org.cix.federation.certificates.CertificateRenewer}).
 */
package org.cix.federation.certificates;
