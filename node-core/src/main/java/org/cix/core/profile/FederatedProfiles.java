package org.cix.core.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.catalog.Route;
import org.cix.core.record.Representatives;

/**
 * Answers questions about subjects across the federation: from this node's own records when they
 * are complete for the asked types, else together with the parent's answer (asked with a
 * deadline; the parent does the same in turn). A node holds every record of a type when the type
 * flows up to the national node and down to every node (lists), or when it is the national node
 * and the type flows up. Without an answer in time, the node answers with what it holds and says
 * who did not answer.
 */
public final class FederatedProfiles {
  /** How long a question may wait for other nodes unless told otherwise. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(3);
  /** The share of the time left that a question may spend one hop further. */
  private static final double FORWARD_SHARE = 0.8;

  private final SubjectProfiles local;
  private final Catalog catalog;
  private final String self;
  private final boolean national;
  /** The parent asked, once the node has linked to it; none before, none for the national node. */
  private final AtomicReference<RemoteQuery> parent = new AtomicReference<>();

  public FederatedProfiles(SubjectProfiles local, Catalog catalog, String self, boolean national) {
    this.local = local;
    this.catalog = catalog;
    this.self = self;
    this.national = national;
  }

  /**
   * From now on, asks {@code parent} what this node does not hold (the node links to its parent
   * after its services are made; every service answering about subjects shares this one).
   */
  public void askUp(RemoteQuery parent) {
    this.parent.set(parent);
  }

  /** Stops asking {@code parent} (the node's link to it is closing); another parent set since stays. */
  public void stopAsking(RemoteQuery parent) {
    this.parent.compareAndSet(parent, null);
  }

  /**
   * The records held here of the subjects {@code personId} represents ({@link
   * SubjectProfiles#represented}); other nodes are not asked: the listings that reach legal
   * representatives go to every node.
   */
  public List<ProfileEntry> represented(String personId) {
    return local.represented(personId);
  }

  /**
   * The current records held here of the persons that {@code entries} (an enterprise's records)
   * name as its legal representative ({@link Representatives}).
   */
  public List<ProfileEntry> representatives(List<ProfileEntry> entries) {
    return entries.stream().flatMap(e -> Representatives.of(e.stored().version().body()).stream()).distinct()
        .flatMap(person -> local.profile(person).entries().stream()).toList();
  }

  public SubjectAnswer answer(SubjectQuestion question, Duration within) {
    SubjectProfile own = local.profile(question.subject());
    List<ProfileEntry> mine = ofTypes(own.entries(), question.types());
    SubjectProfile here = new SubjectProfile(own.id(), own.name(), mine, own.asOf());
    if (!own.id().isValid()) {
      return new SubjectAnswer(here, List.of(self), List.of(), true, Set.of());
    }
    boolean complete = incomplete(question.types()).isEmpty();
    RemoteQuery parent = this.parent.get();
    if (complete || parent == null || question.path().contains(parent.node())) {
      return new SubjectAnswer(here, List.of(self), List.of(), complete, Set.of());
    }
    SubjectAnswer above;
    try {
      above = parent.ask(question.via(self), Duration.ofMillis((long) (within.toMillis() * FORWARD_SHARE)));
    } catch (RemoteQuery.NoAnswer e) {
      return new SubjectAnswer(here, List.of(self), List.of(new Unanswered(parent.node(), e.getMessage())),
          false, Set.of());
    }
    List<String> answeredBy = new ArrayList<>(List.of(self));
    answeredBy.addAll(above.answeredBy());
    List<ProfileEntry> merged = local.sorted(merge(mine, ofTypes(above.profile().entries(), question.types())));
    SubjectProfile profile = new SubjectProfile(own.id(), own.name().or(() -> above.profile().name()), merged,
        own.asOf());
    return new SubjectAnswer(profile, answeredBy, above.unanswered(), above.complete(), above.withheldTypes());
  }

  /** The asked types (all when empty) whose records this node may not all hold. */
  public Set<String> incomplete(Set<String> types) {
    Set<String> missing = new TreeSet<>();
    for (RecordType type : catalog.types()) {
      if (!types.isEmpty() && !types.contains(type.id())) {
        continue;
      }
      boolean up = type.routing().contains(Route.UP);
      if (!(up && (national || type.routing().contains(Route.DOWN)))) {
        missing.add(type.id());
      }
    }
    return missing;
  }

  private static List<ProfileEntry> ofTypes(List<ProfileEntry> entries, Set<String> types) {
    return types.isEmpty() ? entries
        : entries.stream().filter(e -> types.contains(e.stored().version().body().getType())).toList();
  }

  /** One entry per record: the later version; on a tie this node's own (it checked the seal itself). */
  private static List<ProfileEntry> merge(List<ProfileEntry> mine, List<ProfileEntry> theirs) {
    Map<String, ProfileEntry> byRecord = new LinkedHashMap<>();
    for (ProfileEntry entry : mine) {
      byRecord.put(entry.stored().version().recordId(), entry);
    }
    for (ProfileEntry entry : theirs) {
      byRecord.merge(entry.stored().version().recordId(), entry,
          (a, b) -> b.stored().version().body().getVersion() > a.stored().version().body().getVersion() ? b : a);
    }
    return new ArrayList<>(byRecord.values());
  }
}
