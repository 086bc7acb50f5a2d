package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cix.core.error.CixException;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.proto.v1.LinkRole;
import org.cix.proto.v1.LinkState;
import org.cix.proto.v1.NodeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AdminAccessTest {
  @TempDir Path dir;

  @Test
  void status_withTheNodesToken_reportsIdentityAndLinks() {
    TestPki pki = TestPki.create(dir);
    try (FederationNode city = TestNodes.start(pki.node("bj", "1101"), Optional.empty());
        FederationNode district = TestNodes.start(pki.node(pki.caOf("bj"), "bj-dongcheng", "110101"),
            Optional.of(city));
        AdminClient admin = new AdminClient(district.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(5))) {
      await().atMost(Duration.ofSeconds(30)).until(
          () -> admin.status().getLinks(0).getState() == LinkState.LINK_STATE_UP);

      NodeStatus status = admin.status();

      assertThat(status.getNodeId()).isEqualTo("bj-dongcheng");
      assertThat(status.getJurisdiction()).isEqualTo("110101");
      assertThat(status.getJurisdictionName()).isEqualTo("北京市东城区");
      assertThat(status.getLevel()).isEqualTo("district");
      assertThat(status.getFederationPort()).isEqualTo(district.federationPort());
      assertThat(status.getCatalogVersion()).isEqualTo(TestNodes.CATALOG.version());
      assertThat(status.getRecordTypes()).isEqualTo(15);
      assertThat(status.getLinksList()).singleElement().satisfies(link -> {
        assertThat(link.getPeerNodeId()).isEqualTo("bj");
        assertThat(link.getPeerRole()).isEqualTo(LinkRole.LINK_ROLE_PARENT);
        assertThat(link.getPeerJurisdiction()).isEqualTo("1101");
        assertThat(link.getLastHandshakeMillis()).isPositive();
      });
    }
  }

  @Test
  void status_withAnotherToken_isUnauthenticated() {
    TestPki pki = TestPki.create(dir);
    try (FederationNode city = TestNodes.start(pki.node("bj", "1101"), Optional.empty());
        AdminClient admin = new AdminClient(city.adminPort(), "not-the-token", Duration.ofSeconds(5))) {
      assertThatThrownBy(admin::status)
          .isInstanceOfSatisfying(CixException.class,
              e -> assertThat(e.kind()).isEqualTo(CixException.Kind.UNAUTHENTICATED))
          .hasMessageContaining("wrong admin token");
    }
  }

  /**
   * Every service on the admin port takes the token: a local process without it gets no backup
   * (not a byte), grant, registration, correction, quality or revocation answer.
   */
  @Test
  void everyAdminService_withAnotherToken_isUnauthenticated_andABackupSendsNothing() {
    TestPki pki = TestPki.create(dir);
    java.io.ByteArrayOutputStream backup = new java.io.ByteArrayOutputStream();
    try (FederationNode city = TestNodes.start(pki.node("bj", "1101"), Optional.empty());
        AdminClient admin = new AdminClient(city.adminPort(), "not-the-token", Duration.ofSeconds(5))) {
      List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
          () -> admin.backup("intruder", backup, Duration.ofSeconds(5), bytes -> { }),
          () -> admin.access().issueGrant(org.cix.proto.v1.IssueGrantRequest.newBuilder().setGrantee("sh")
              .setPurpose("x").setValidUntil("2099-12-31").build()),
          () -> admin.access().registerDepartment("11110101MB0000000X", "某局", List.of("administrative-penalty")),
          () -> admin.corrections().list(org.cix.proto.v1.ListCorrectionsRequest.getDefaultInstance()),
          () -> admin.quality().departments(),
          admin.trust()::listRevocations);
      for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : calls) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CixException.class,
            e -> assertThat(e.kind()).isEqualTo(CixException.Kind.UNAUTHENTICATED));
      }
    }
    assertThat(backup.size()).isZero();
  }
}
