package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.BindableService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.feature.CorrectionsFeature;
import org.cix.federation.feature.Features;
import org.cix.federation.feature.StatusFeature;
import org.cix.federation.server.FederationNode;
import org.cix.proto.v1.ListCorrectionsRequest;
import org.cix.proto.v1.ListQualityRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A node runs what its features bind: their admin services, their followers of the change log. */
@Timeout(60)
class FeaturesTest {
  @TempDir Path dir;

  @Test
  void aNodeServesTheAdminCallsOfItsFeaturesOnly() {
    TestPki pki = TestPki.create(dir);
    try (FederationNode node = TestNodes.withFeatures(pki.node("bj", "1101"),
            List.of(new StatusFeature(), new CorrectionsFeature()));
        AdminClient admin = new AdminClient(node.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(5))) {
      assertThat(admin.status().getNodeId()).isEqualTo("bj");
      assertThat(admin.corrections().list(ListCorrectionsRequest.getDefaultInstance()).getCorrectionsList()).isEmpty();

      assertThatThrownBy(() -> admin.quality().list(ListQualityRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(CixException.class,
              e -> assertThat(e.kind()).isEqualTo(CixException.Kind.PRECONDITION_FAILED))
          .hasMessageContaining("does not serve this call")
          .hasMessageContaining("QualityAdmin");
    }
  }

  @Test
  void theStandardFeatures_bindEveryAdminServiceOnce_andTheThreeFollowersInOrder() {
    NodeServices services = TestNodes.services(TestPki.create(dir).node("bj", "1101"));

    Features standard = Features.of(TestNodes.runtime(services), Features.standard());

    assertThat(standard.adminServices()).extracting(FeaturesTest::name).containsExactly("cix.v1.Admin",
        "cix.v1.IngestAdmin", "cix.v1.AuditAdmin", "cix.v1.PackageAdmin", "cix.v1.CorrectionAdmin", "cix.v1.QualityAdmin", "cix.v1.GrantAdmin", "cix.v1.RevocationAdmin",
        "cix.v1.DepartmentAdmin", "cix.v1.CertificateAdmin", "cix.v1.AccountAdmin", "cix.v1.NodeBackup");
    assertThat(standard.followers()).containsExactly(services.corrections(), services.quality(),
        services.revocations());
  }

  @Test
  void aFeatureLeftOut_bindsNeitherItsServiceNorItsFollower() {
    NodeServices services = TestNodes.services(TestPki.create(dir).node("bj", "1101"));

    Features some = Features.of(TestNodes.runtime(services), List.of(new CorrectionsFeature()));

    assertThat(some.adminServices()).extracting(FeaturesTest::name).containsExactly("cix.v1.CorrectionAdmin");
    assertThat(some.followers()).containsExactly(services.corrections());
  }

  private static String name(BindableService service) {
    return service.bindService().getServiceDescriptor().getName();
  }
}
