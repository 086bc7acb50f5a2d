package org.cix.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.audit.InMemoryAuditLog;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.ShippedConf;
import org.cix.core.link.LinkRole;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.sharing.Grant;
import org.cix.core.sharing.Grants;
import org.cix.core.sharing.InMemoryGrantStore;
import org.cix.core.sharing.SharingPolicy;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.SealProof;
import org.cix.proto.v1.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes of DESIGN.md section 5, seen from the city node bj (parent cn, children, peer sh). */
class RoutingTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final String CHAOYANG_SUBJECT = "911101054L9YH34T78";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
  private final Grants grants = new Grants(new InMemoryGrantStore(), new InMemoryAuditLog(), CATALOG, "bj",
      CLOCK);
  private final Routing routing = routing(CATALOG);

  private Routing routing(Catalog catalog) {
    return new Routing(catalog, new SharingPolicy(catalog, grants), new Jurisdiction("1101"), Optional.of("cn"),
        Set.of("sh"),
        new SubjectIds(CLOCK, PilotAllowlist.empty()));
  }

  private static final Neighbour PARENT = neighbour("cn", "", LinkRole.PARENT, Subscription.getDefaultInstance());
  private static final Neighbour CHAOYANG = neighbour("bj-chaoyang", "110105", LinkRole.CHILD,
      Subscription.getDefaultInstance());
  private static final Neighbour DONGCHENG = neighbour("bj-dongcheng", "110101", LinkRole.CHILD,
      Subscription.getDefaultInstance());
  private static final Neighbour PEER = neighbour("sh", "3101", LinkRole.PEER, Subscription.getDefaultInstance());

  private static Neighbour neighbour(String id, String jurisdiction, LinkRole role, Subscription subscription) {
    return new Neighbour(new NodeIdentity(id, new Jurisdiction(jurisdiction)), role, List.of(), subscription);
  }

  private static LoggedVersion version(String type, String via, List<String> hops) {
    return new LoggedVersion(1, "00".repeat(16), 1, type, CHAOYANG_SUBJECT, hops.isEmpty() ? "bj" : hops.get(0), via, new byte[0],
        new byte[32], SealProof.getDefaultInstance(), hops, List.of(), 0, List.of());
  }

  @Test
  void ingestedHere_goesUp_listsAlsoDown_andToSubscribingPeers() {
    LoggedVersion penalty = version("administrative-penalty", "", List.of());
    LoggedVersion listing = version("serious-dishonesty", "", List.of());

    assertThat(routing.sends(penalty, PARENT)).isTrue();
    assertThat(routing.sends(penalty, CHAOYANG)).as("penalties do not flow down").isFalse();
    assertThat(routing.sends(penalty, PEER)).isTrue();
    assertThat(routing.sends(listing, CHAOYANG)).isTrue();
    assertThat(routing.sends(listing, PARENT)).isTrue();
  }

  @Test
  void fromAChild_goesUpAndToTheOtherChildren_neverBack() {
    LoggedVersion listing = version("serious-dishonesty", "bj-chaoyang", List.of("bj-chaoyang"));

    assertThat(routing.sends(listing, PARENT)).isTrue();
    assertThat(routing.sends(listing, DONGCHENG)).isTrue();
    assertThat(routing.sends(listing, CHAOYANG)).isFalse();
    assertThat(routing.sends(listing, PEER)).as("the child is in bj's subtree").isTrue();
  }

  @Test
  void fromTheParent_goesDownOnly_andFromAPeer_nowhere() {
    LoggedVersion fromParent = version("serious-dishonesty", "cn", List.of("sh-huangpu", "sh", "cn"));
    LoggedVersion fromPeer = version("serious-dishonesty", "sh", List.of("sh"));

    assertThat(routing.sends(fromParent, CHAOYANG)).isTrue();
    assertThat(routing.sends(fromParent, PARENT)).isFalse();
    assertThat(routing.sends(fromParent, PEER)).as("sh is on its path already").isFalse();
    assertThat(routing.sends(fromPeer, PARENT)).isFalse();
    assertThat(routing.sends(fromPeer, CHAOYANG)).isFalse();
  }

  private static LoggedVersion feedback(String addressedTo, String via, List<String> hops) {
    byte[] body = RecordBody.newBuilder().setType("measure-feedback")
        .addFields(Field.newBuilder().setKey("origin_jurisdiction").setValue(addressedTo)).build().toByteArray();
    return new LoggedVersion(1, "00".repeat(16), 1, "measure-feedback", CHAOYANG_SUBJECT,
        hops.isEmpty() ? "bj" : hops.get(0), via, body, new byte[32], SealProof.getDefaultInstance(), hops, List.of(),
        0, List.of());
  }

  @Test
  void originRoute_goesUpUntilTheJurisdictionContainsTheAddress_thenDownTheChildThatDoes() {
    LoggedVersion fromAbove = feedback("110105", "cn", List.of("sh-huangpu", "sh", "cn"));
    LoggedVersion fromDongcheng = feedback("110105", "bj-dongcheng", List.of("bj-dongcheng"));
    LoggedVersion toShanghai = feedback("310101", "", List.of());
    LoggedVersion toNational = feedback("", "bj-chaoyang", List.of("bj-chaoyang"));

    assertThat(routing.sends(fromAbove, CHAOYANG)).isTrue();
    assertThat(routing.sends(fromAbove, DONGCHENG)).isFalse();
    assertThat(routing.sends(fromAbove, PARENT)).isFalse();
    assertThat(routing.sends(fromDongcheng, CHAOYANG)).as("addressed inside bj: straight down").isTrue();
    assertThat(routing.sends(fromDongcheng, PARENT)).as("and up, as every feedback goes").isTrue();
    assertThat(routing.sends(fromDongcheng, PEER)).isFalse();
    assertThat(routing.sends(toShanghai, PARENT)).isTrue();
    assertThat(routing.sends(toShanghai, CHAOYANG)).isFalse();
    assertThat(routing.sends(toNational, PARENT)).isTrue();
    var type = CATALOG.type("measure-feedback").orElseThrow();
    assertThat(routing.admits(type, new Jurisdiction("310101"), PARENT)).isEmpty();
    assertThat(routing.admits(type, new Jurisdiction("110101"), DONGCHENG)).isEmpty();
    assertThat(routing.admits(type, new Jurisdiction("110101"), PEER)).get().extracting(Refusal::code)
        .isEqualTo("not_routed_here");
  }

  @Test
  void conditionalTypes_goToAPeerOnlyWhileItHoldsAGrant() {
    LoggedVersion rating = version("credit-rating", "", List.of());
    assertThat(routing.sends(rating, PEER)).isFalse();

    Grant grant = grants.issue("sh", Set.of("credit-rating"), "信用监管", false, LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-12-31"));
    assertThat(routing.sends(rating, PEER)).isTrue();
    assertThat(routing.sends(rating, neighbour("zj", "33", LinkRole.PEER, Subscription.getDefaultInstance())))
        .as("the grant is for sh only").isFalse();

    grants.revoke(grant.id());
    assertThat(routing.sends(rating, PEER)).isFalse();
    grants.issue("sh", Set.of(), "信用监管", false, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"));
    assertThat(routing.sends(rating, PEER)).as("not yet valid").isFalse();
  }

  @Test
  void notSharedTypes_neverLeave_andAreRefusedFromAnyone(@TempDir Path dir) throws Exception {
    ShippedConf.copy("catalog", dir);
    Path commitment = dir.resolve("credit-commitment.yaml");
    Files.writeString(commitment, Files.readString(commitment).replaceFirst("sharing: \\w+", "sharing: not-shared")
        .replaceFirst("routing: \\[[^]]*]", "routing: [up, down, peers]"));
    Catalog catalog = CatalogLoader.load(CatalogSource.directory(dir));
    Routing strict = routing(catalog);
    LoggedVersion kept = version("credit-commitment", "", List.of());
    grants.issue("sh", Set.of(), "信用监管", true, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));

    assertThat(List.of(PARENT, CHAOYANG, PEER)).noneMatch(to -> strict.sends(kept, to));
    assertThat(strict.admits(catalog.type("credit-commitment").orElseThrow(), new Jurisdiction("110105"), CHAOYANG))
        .get().extracting(Refusal::code).isEqualTo("not_shared");
  }

  @Test
  void peers_getOnlyUnconditionalTypes_theySubscribeTo() {
    LoggedVersion rating = version("credit-rating", "", List.of());
    LoggedVersion penalty = version("administrative-penalty", "", List.of());
    Neighbour listsOnly = neighbour("sh", "3101", LinkRole.PEER,
        Subscription.newBuilder().addTypes("serious-dishonesty").build());
    Neighbour beijingOnly = neighbour("sh", "3101", LinkRole.PEER, Subscription.newBuilder().addRegions("1101").build());
    Neighbour shanghaiOnly = neighbour("sh", "3101", LinkRole.PEER, Subscription.newBuilder().addRegions("31").build());

    assertThat(routing.sends(rating, PEER)).as("conditional sharing needs a grant").isFalse();
    assertThat(routing.sends(rating, PARENT)).isTrue();
    assertThat(routing.sends(penalty, listsOnly)).isFalse();
    assertThat(routing.sends(penalty, beijingOnly)).isTrue();
    assertThat(routing.sends(penalty, shanghaiOnly)).isFalse();
  }

  @Test
  void admits_aChildOnlyItsSubtree_aParentOnlyWhatFlowsDown_aPeerOnlyWhatItShares() {
    var penalty = CATALOG.type("administrative-penalty").orElseThrow();
    var rating = CATALOG.type("credit-rating").orElseThrow();
    var listing = CATALOG.type("serious-dishonesty").orElseThrow();

    assertThat(routing.admits(penalty, new Jurisdiction("110105"), CHAOYANG)).isEmpty();
    assertThat(routing.admits(penalty, new Jurisdiction("310101"), CHAOYANG)).get()
        .extracting(Refusal::code).isEqualTo("outside_sender_jurisdiction");
    assertThat(routing.admits(penalty, new Jurisdiction("310101"), PARENT)).get()
        .extracting(Refusal::code).isEqualTo("not_routed_here");
    assertThat(routing.admits(listing, new Jurisdiction("310101"), PARENT)).isEmpty();
    assertThat(routing.admits(rating, new Jurisdiction("310101"), PEER)).as("the peer applied its grants").isEmpty();
    assertThat(routing.admits(rating, new Jurisdiction("310101"), PARENT)).get()
        .extracting(Refusal::code).isEqualTo("not_routed_here");
    assertThat(routing.admits(penalty, new Jurisdiction("310101"), PEER)).isEmpty();
  }
}
