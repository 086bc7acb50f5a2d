package org.cix.federation.department;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the department API listens (gRPC, and HTTP/JSON when {@code http} is given), the host names and addresses its certificate names (what
 * departments dial), where submissions are kept while they arrive, and the largest one taken.
 */
public record DepartmentApiSettings(InetSocketAddress listen, Optional<InetSocketAddress> http, List<String> hosts,
    Path spool, long largestSubmission) {
  /** The largest submission unless configured otherwise: 1 GiB. */
  public static final long DEFAULT_LARGEST = 1L << 30;

  public DepartmentApiSettings {
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("the department API's certificate needs at least one host name or address");
    }
  }
}
