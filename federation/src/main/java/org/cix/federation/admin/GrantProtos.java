package org.cix.federation.admin;

import java.time.LocalDate;
import java.util.TreeSet;
import org.cix.core.sharing.Grant;
import org.cix.proto.v1.GrantInfo;

/** Grants on the wire. */
final class GrantProtos {
  private GrantProtos() {}

  static GrantInfo toProto(Grant grant, LocalDate today) {
    return GrantInfo.newBuilder()
        .setId(grant.id())
        .setGrantee(grant.grantee())
        .addAllTypes(new TreeSet<>(grant.types()))
        .setPurpose(grant.purpose())
        .setPersonal(grant.personal())
        .setValidFrom(grant.validFrom().toString())
        .setValidUntil(grant.validUntil().toString())
        .setIssuedBy(grant.issuedBy())
        .setIssuedAtMillis(grant.issuedAt().toEpochMilli())
        .setRevokedAtMillis(grant.revokedAt().map(java.time.Instant::toEpochMilli).orElse(0L))
        .setInForce(grant.validOn(today))
        .build();
  }
}
