package org.cix.federation.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cix.core.store.ReplicaLag;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.DepartmentGrpc;
import org.cix.proto.v1.FederationGrpc;
import org.cix.proto.v1.PackageAdminGrpc;
import org.cix.proto.v1.QueryGrpc;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.Test;

class FrontEndGuardTest {
  private static final Duration MAX = Duration.ofSeconds(30);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));

  private FrontEndGuard guard(ReplicaLag lag) {
    return new FrontEndGuard("cn", new FrontEnd(MAX, lag), clock);
  }

  @Test
  void writesAreRefusedWhateverTheLag_namingTheWriter() {
    FrontEndGuard fresh = guard(now -> Optional.of(Duration.ZERO));
    for (String write : new String[] {DepartmentGrpc.getSubmitMethod().getFullMethodName(),
        FederationGrpc.getExchangeMethod().getFullMethodName(), PackageAdminGrpc.getExportPackageMethod()
        .getFullMethodName(), DepartmentGrpc.getDecideRequestMethod().getFullMethodName()}) {
      assertThat(fresh.refusal(write)).as(write).hasValueSatisfying(s -> {
        assertThat(s.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(s.getDescription()).contains("read front end of node cn: it answers reads only; send "
            + write.substring(write.lastIndexOf('/') + 1) + " to the node's writer");
      });
    }
  }

  @Test
  void readsAreAnsweredWithinTheBound_andRefusedBeyondIt_orWhenTheLagIsUnknown() {
    String check = DepartmentGrpc.getCheckMethod().getFullMethodName();
    assertThat(guard(now -> Optional.of(MAX)).refusal(check)).isEmpty();
    assertThat(guard(now -> Optional.of(Duration.ZERO)).refusal(QueryGrpc.getSubjectMethod().getFullMethodName()))
        .isEmpty();
    assertThat(guard(now -> Optional.of(MAX.plusSeconds(1))).refusal(check)).hasValueSatisfying(s -> {
      assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(s.getDescription()).contains("read front end of node cn is 31.0 s behind its writer (at most 30.0 s "
          + "allowed): ask the writer or another front end");
    });
    assertThat(guard(now -> Optional.empty()).refusal(check)).hasValueSatisfying(s ->
        assertThat(s.getDescription()).contains("is an unknown time behind its writer"));
    FrontEndGuard broken = guard(now -> {
      throw new IllegalStateException("standby down");
    });
    assertThat(broken.refusal(check))
        .hasValueSatisfying(s -> assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(broken.refusal(AdminGrpc.getStatusMethod().getFullMethodName())).as("status shows the lag").isEmpty();
    assertThat(broken.behind()).isEmpty();
  }

  @Test
  void theLagIsReadAsOfTheGuardsClock() {
    Instant[] asked = new Instant[1];
    guard(now -> {
      asked[0] = now;
      return Optional.of(Duration.ZERO);
    }).behind();
    assertThat(asked[0]).isEqualTo(clock.instant());
  }
}
