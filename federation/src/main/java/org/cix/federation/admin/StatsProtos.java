package org.cix.federation.admin;

import java.util.Locale;
import java.util.List;
import org.cix.core.record.ChinaDate;
import org.cix.core.region.Regions;
import org.cix.core.stats.ActiveRestrictions;
import org.cix.core.stats.ExchangeStatistics;
import org.cix.proto.v1.RestrictionCount;
import org.cix.proto.v1.DayFlow;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.LinkFlow;
import org.cix.proto.v1.OriginLag;
import org.cix.proto.v1.TypeFlow;

/** Exchange statistics on the wire. */
public final class StatsProtos {
  /** The exchange since {@code since} and the restrictions in force today, as the node holds them. */
  public static ExchangeStats since(org.cix.core.node.NodeServices backend, java.time.Instant since,
      java.time.Clock clock) {
    ExchangeStats.Builder stats = toProto(org.cix.core.stats.ExchangeStats.of(backend.exchange(), since),
        org.cix.core.stats.ActiveRestrictions.of(backend.exchange(), backend.discipline().measures(),
            org.cix.core.record.ChinaDate.today(clock))).toBuilder();
    backend.quality().monthly(org.cix.core.quality.DataQuality.month(since.toEpochMilli())).forEach(m ->
        stats.addMonthly(org.cix.proto.v1.MonthlyVersions.newBuilder().setDepartment(m.department())
            .setDepartmentName(m.name()).setMonth(m.month()).setVersions(m.versions())));
    return stats.build();
  }

  private StatsProtos() {}

  static ExchangeStats toProto(ExchangeStatistics stats, List<ActiveRestrictions.Count> restrictions) {
    ExchangeStats.Builder proto = ExchangeStats.newBuilder().setSinceMillis(stats.since().toEpochMilli())
        .putAllRefusals(stats.refusals());
    for (ExchangeStatistics.LinkFlow f : stats.links()) {
      proto.addLinks(LinkFlow.newBuilder().setPeer(f.peer()).setDirection(word(f.direction())).setBundles(f.bundles())
          .setItems(f.items()).setBytes(f.bytes()).setAccepted(f.accepted()).setDuplicates(f.duplicates())
          .setConflicts(f.conflicts()).setRefused(f.refused()).setLagMaxMillis(f.lagMaxMillis())
          .setLagMeanMillis(f.lagMeanMillis()));
    }
    stats.types().forEach(t -> proto.addTypes(TypeFlow.newBuilder().setDirection(word(t.direction()))
        .setType(t.type()).setItems(t.items())));
    stats.days().forEach(d -> proto.addDays(DayFlow.newBuilder().setDay(d.day().toString())
        .setDirection(word(d.direction())).setItems(d.items())));
    stats.lags().forEach(l -> proto.addLags(OriginLag.newBuilder().setOrigin(l.origin()).setVersions(l.versions())
        .setP50Millis(l.p50Millis()).setP99Millis(l.p99Millis()).setMaxMillis(l.maxMillis())));
    Regions regions = Regions.standard();
    restrictions.forEach(r -> proto.addRestrictions(RestrictionCount.newBuilder().setRegion(r.region())
        .setRegionName(regions.isKnown(r.region()) ? regions.fullName(r.region()) : "").setType(r.type())
        .setRecords(r.records()).setSubjects(r.subjects())));
    return proto.build();
  }

  private static String word(Enum<?> direction) {
    return direction.name().toLowerCase(Locale.ROOT);
  }
}
