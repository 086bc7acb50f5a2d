package org.cix.core.link;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.cix.core.error.CixException;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.junit.jupiter.api.Test;

class LinkPolicyTest {
  private static final NodeIdentity BEIJING = new NodeIdentity("bj", Jurisdiction.parse("1101"));
  private static final NodeIdentity CHAOYANG = new NodeIdentity("bj-chaoyang", Jurisdiction.parse("110105"));
  private static final NodeIdentity HEPING = new NodeIdentity("tj-heping", Jurisdiction.parse("120101"));
  private static final NodeIdentity NATIONAL = new NodeIdentity("cn", Jurisdiction.NATIONAL);
  private static final Optional<String> BY_BJ = Optional.of("bj");
  private static final Optional<String> ROOT = Optional.empty();

  @Test
  void admitInbound_districtSkippingItsCity_isDenied() {
    assertThatThrownBy(() -> LinkPolicy.admitInbound(NATIONAL, CHAOYANG, BY_BJ, LinkRole.CHILD,
        LinkPolicy.PROTOCOL_VERSION))
        .isInstanceOf(CixException.class)
        .hasMessageContaining("node bj-chaoyang is not a child of cn: its certificate was issued by node bj");
  }

  @Test
  void admitInbound_childIssuedByAnotherCaOfTheSameArea_isDenied() {
    assertThatThrownBy(() -> LinkPolicy.admitInbound(BEIJING, CHAOYANG, ROOT, LinkRole.CHILD,
        LinkPolicy.PROTOCOL_VERSION))
        .hasMessageContaining("issued by the national root");
    assertThatThrownBy(() -> LinkPolicy.admitInbound(BEIJING, CHAOYANG, Optional.of("cn"), LinkRole.CHILD,
        LinkPolicy.PROTOCOL_VERSION))
        .hasMessageContaining("issued by node cn");
  }

  @Test
  void admitInbound_nationalTakesCitiesItsCaOrTheRootIssued() {
    assertThatCode(() -> LinkPolicy.admitInbound(NATIONAL, BEIJING, ROOT, LinkRole.CHILD,
        LinkPolicy.PROTOCOL_VERSION)).doesNotThrowAnyException();
    assertThatCode(() -> LinkPolicy.admitInbound(NATIONAL, BEIJING, Optional.of("cn"), LinkRole.CHILD,
        LinkPolicy.PROTOCOL_VERSION)).doesNotThrowAnyException();
  }

  @Test
  void admitInbound_childInsideJurisdiction_isAdmitted() {
    assertThatCode(() -> LinkPolicy.admitInbound(BEIJING, CHAOYANG, BY_BJ, LinkRole.CHILD, LinkPolicy.PROTOCOL_VERSION))
        .doesNotThrowAnyException();
  }

  @Test
  void admitInbound_childOfAnotherCity_isDenied() {
    assertThatThrownBy(() -> LinkPolicy.admitInbound(BEIJING, HEPING, BY_BJ, LinkRole.CHILD, LinkPolicy.PROTOCOL_VERSION))
        .isInstanceOfSatisfying(CixException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(CixException.Kind.PERMISSION_DENIED))
        .hasMessageContaining("120101 of node tj-heping is not inside jurisdiction 1101");
  }

  @Test
  void admitInbound_parentClaimingToBeChild_isDenied() {
    assertThatThrownBy(() -> LinkPolicy.admitInbound(CHAOYANG, BEIJING, ROOT, LinkRole.CHILD, LinkPolicy.PROTOCOL_VERSION))
        .hasMessageContaining("is not inside");
  }

  @Test
  void admitInbound_otherProtocolVersion_failsPrecondition() {
    assertThatThrownBy(() -> LinkPolicy.admitInbound(BEIJING, CHAOYANG, BY_BJ, LinkRole.CHILD, 99))
        .isInstanceOfSatisfying(CixException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(CixException.Kind.PRECONDITION_FAILED));
  }

  @Test
  void admitInbound_peerWithHigherId_isDenied() {
    assertThatCode(() -> LinkPolicy.admitInbound(HEPING, BEIJING, ROOT, LinkRole.PEER, LinkPolicy.PROTOCOL_VERSION))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> LinkPolicy.admitInbound(BEIJING, HEPING, BY_BJ, LinkRole.PEER, LinkPolicy.PROTOCOL_VERSION))
        .hasMessageContaining("lower node id dials");
  }
}
