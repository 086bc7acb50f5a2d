package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.nio.file.Path;
import org.cix.core.node.NodeServices;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.feature.Features;
import org.cix.proto.v1.CorrectionAdminGrpc;
import org.cix.proto.v1.GrantAdminGrpc;
import org.cix.proto.v1.ListGrantsRequest;
import org.cix.proto.v1.QualityAdminGrpc;
import org.cix.proto.v1.ShowCorrectionRequest;
import org.cix.proto.v1.ShowQualityRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin services the standard features bind, served in process (no socket, no TLS): what
 * each answers is the domain's answer, its refusals the statuses {@code StatusMapping} gives.
 */
@Timeout(60)
class InProcessAdminTest {
  @TempDir Path dir;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void serve() throws IOException {
    NodeServices services = TestNodes.services(TestPki.create(dir).node("bj", "1101"));
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    Features.of(TestNodes.runtime(services), Features.standard()).adminServices().forEach(builder::addService);
    server = builder.build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void anUnknownRequest_isNotFound_withTheDomainsWords() {
    assertThatThrownBy(() -> CorrectionAdminGrpc.newBlockingStub(channel)
        .showCorrection(ShowCorrectionRequest.newBuilder().setId("OBJ-20261206-0000000000").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND))
        .hasMessageContaining("OBJ-20261206-0000000000");
  }

  @Test
  void anUnknownQualityIssue_isNotFound() {
    assertThatThrownBy(() -> QualityAdminGrpc.newBlockingStub(channel)
        .showQuality(ShowQualityRequest.newBuilder().setId(999).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND))
        .hasMessageContaining("no quality issue 999");
  }

  @Test
  void aNodeThatIssuedNoGrant_listsNone() {
    assertThat(GrantAdminGrpc.newBlockingStub(channel).listGrants(ListGrantsRequest.getDefaultInstance())
        .getGrantsList()).isEmpty();
  }
}
