package org.cix.core.pack;

import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.FieldType;
import org.cix.core.catalog.RecordType;
import org.cix.core.discipline.CurrentMeasures;
import org.cix.core.error.CixException;
import org.cix.core.industry.IndustryCodes;
import org.cix.core.profile.Evidence;
import org.cix.core.profile.EvidenceLookup;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.SubjectAnswer;
import org.cix.core.profile.SubjectQuestion;
import org.cix.core.record.RecordFields;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.core.subject.Registration;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LatestVersions;
import org.cix.proto.v1.RecordBody;

/**
 * Exports credit packages: a subject's records as a question to the federation would find them
 * (with the same sharing, grants and masking), or the records this node holds of an industry,
 * optionally within a region, with the policy notices that concern it; each with the evidence of
 * its origin. Every export is audited.
 */
public final class CreditPackages {
  /** The type of industry policy notices, packaged with the records of the industries they concern. */
  public static final String POLICY_TYPE = "industry-policy";

  private final Catalog catalog;
  private final RecordStore records;
  private final ExchangeStore log;
  private final FederatedProfiles federated;
  private final CurrentMeasures measures;
  private final PackageWriter writer;
  private final AuditLog audit;
  private final String self;
  private final Clock clock;

  public CreditPackages(Catalog catalog, RecordStore records, ExchangeStore log, FederatedProfiles federated,
      CurrentMeasures measures, PackageWriter writer, AuditLog audit, String self, Clock clock) {
    this.catalog = catalog;
    this.records = records;
    this.log = log;
    this.federated = federated;
    this.measures = measures;
    this.writer = writer;
    this.audit = audit;
    this.self = self;
    this.clock = clock;
  }

  /** Writes the package for {@code request} to {@code out}. */
  public PackageSummary export(PackageWriter.Request request, OutputStream out) {
    if (request.purpose().isBlank()) {
      throw CixException.invalidInput("a package states its purpose (--purpose)");
    }
    for (String type : request.scope().types()) {
      if (catalog.type(type).isEmpty()) {
        throw CixException.invalidInput("'" + type + "' is not a type of the catalog");
      }
    }
    List<ProfileEntry> entries = request.scope().subject().isPresent() ? ofSubject(request) : ofIndustry(request);
    EvidenceLookup lookup = new EvidenceLookup(records, log);
    List<PackagedRecord> packaged = new ArrayList<>(entries.size());
    long without = 0;
    for (ProfileEntry entry : entries) {
      Optional<Evidence> evidence = lookup.of(entry);
      if (evidence.isPresent()) {
        packaged.add(new PackagedRecord(entry, evidence.get()));
      } else {
        without++;
      }
    }
    PackageSummary summary = writer.write(packaged, request, measures.get(), without, out);
    audit.append(new AuditEvent(clock.instant(), request.askedBy(), "package.export",
        request.scope().subject().orElse(""), request.scope().describe() + "; purpose=" + request.purpose()
            + "; records=" + summary.records() + "; masked=" + summary.masked()));
    return summary;
  }

  private List<ProfileEntry> ofSubject(PackageWriter.Request request) {
    SubjectAnswer answer = federated.answer(new SubjectQuestion(request.scope().subject().orElseThrow(),
        request.scope().types(), request.purpose(), request.askedBy(), self, List.of()),
        FederatedProfiles.DEFAULT_WAIT);
    if (!answer.profile().id().isValid()) {
      throw CixException.invalidInput("'" + request.scope().subject().get() + "' is not a subject identifier");
    }
    return answer.profile().entries();
  }

  /**
   * The current records this node holds of the types with an industry field, whose industry lies
   * under the scope's (and whose subject is registered in the region), and the policy notices for
   * the industry or an industry above it.
   */
  private List<ProfileEntry> ofIndustry(PackageWriter.Request request) {
    String industry = IndustryCodes.normalise(request.scope().industry().orElseThrow()).orElseThrow(() ->
        CixException.invalidInput(IndustryCodes.check(request.scope().industry().get()).orElseThrow()));
    Optional<String> region = request.scope().region();
    Map<String, String> industryField = new LinkedHashMap<>();
    for (RecordType type : catalog.types()) {
      if (!request.scope().types().isEmpty() && !request.scope().types().contains(type.id())) {
        continue;
      }
      type.fields().stream().filter(f -> f.type() == FieldType.INDUSTRY).findFirst()
          .ifPresent(f -> industryField.put(type.id(), f.key()));
    }
    Map<String, StoredVersion> current = LatestVersions.of(log, industryField.keySet());
    List<ProfileEntry> found = new ArrayList<>();
    for (StoredVersion stored : current.values()) {
      RecordBody body = stored.version().body();
      String code = RecordFields.field(body.getFieldsList(), industryField.get(body.getType())).orElse("");
      boolean concerns = body.getType().equals(POLICY_TYPE)
          ? !code.isEmpty() && (IndustryCodes.within(industry, code) || IndustryCodes.within(code, industry))
              && region.map(r -> regionOfPolicy(body).map(p -> r.startsWith(p) || p.startsWith(r)).orElse(true))
                  .orElse(true)
          : !code.isEmpty() && IndustryCodes.within(code, industry)
              && region.map(r -> Registration.region(body).startsWith(r)).orElse(true);
      if (concerns) {
        found.add(new ProfileEntry(catalog.type(body.getType()), stored,
            RecordFields.publicOn(body, request.scope().asOf()), "not checked at export"));
      }
    }
    return found;
  }

  private static Optional<String> regionOfPolicy(RecordBody body) {
    return RecordFields.field(body.getFieldsList(), "region_scope").filter(r -> !r.isEmpty());
  }
}
