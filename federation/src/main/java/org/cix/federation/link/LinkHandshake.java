package org.cix.federation.link;

import java.util.Optional;
import org.cix.core.discipline.CurrentMeasures;
import org.cix.core.error.CixException;
import org.cix.core.link.LinkPolicy;
import org.cix.core.link.LinkRole;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.SoftwareVersion;
import org.cix.crypto.pki.CertIdentity;
import org.cix.proto.v1.Hello;
import org.cix.proto.v1.MeasuresSet;
import org.cix.proto.v1.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dialling side of a link's handshake: the Hello it sends, and the Welcome it takes. */
final class LinkHandshake {
  private static final Logger log = LoggerFactory.getLogger(LinkHandshake.class);

  private LinkHandshake() {}

  /** The Hello of {@code self} to {@code target}: where to resume, its log head, measures and seal chain. */
  static Hello.Builder hello(NodeIdentity self, LinkTarget target, SyncHub sync) {
    Hello.Builder hello = Hello.newBuilder()
        .setProtocolVersion(LinkPolicy.PROTOCOL_VERSION)
        .setNodeId(self.nodeId())
        .setJurisdiction(self.jurisdiction().code())
        .setRole(LinkProtos.toProto(target.role() == LinkRole.PARENT ? LinkRole.CHILD : LinkRole.PEER))
        .setSoftwareVersion(SoftwareVersion.current())
        .setResumeAfter(sync.receivedFrom(target.nodeId()))
        .setMaxBundleBytes(sync.maxBundleBytes())
        .setLogHead(sync.services().store().head())
        .setMeasuresVersion(signedMeasuresVersion(sync))
        .setInstance(sync.instance())
        .addAllSealChain(LinkProtos.byteStrings(sync.services().sealChain()));
    if (target.role() == LinkRole.PEER) {
      hello.setSubscription(target.subscription());
    }
    return hello;
  }

  /** The version of the national set this node applies; empty while it applies its own unsigned one. */
  private static String signedMeasuresVersion(SyncHub sync) {
    CurrentMeasures.InForce measures = sync.services().measures().inForce();
    return measures.signature().isPresent() ? measures.measures().version() : "";
  }

  /**
   * Adopts the parent's measures; a set this node cannot read or verify is logged and the link
   * goes on.
   */
  static void adopt(Welcome welcome, LinkTarget target, SyncHub sync) {
    try {
      MeasuresSet set = welcome.getMeasures();
      sync.services().measures().offer(set.getVersion(), LinkProtos.files(set),
          set.hasSignature() ? Optional.of(set.getSignature()) : Optional.empty());
    } catch (CixException e) {
      log.warn("the measures of parent {} (version {}) cannot be applied here, keeping version {}: {}",
          target.nodeId(), welcome.getMeasures().getVersion(), sync.services().measures().get().version(),
          e.getMessage());
    }
  }

  /**
   * The server that answered, checked: the node dialled, in the jurisdiction its certificate
   * names, and (for a parent) the parent of this node's jurisdiction.
   */
  static NodeIdentity check(Welcome welcome, NodeIdentity self, LinkTarget target, CertIdentity certified) {
    if (certified == null || !welcome.getNodeId().equals(target.nodeId())) {
      throw CixException.permissionDenied("Welcome from " + welcome.getNodeId() + ", expected " + target.nodeId());
    }
    if (!welcome.getJurisdiction().equals(certified.jurisdiction())) {
      throw CixException.permissionDenied("Welcome names jurisdiction " + welcome.getJurisdiction()
          + " but the certificate of " + target.nodeId() + " names " + certified.jurisdiction());
    }
    NodeIdentity server = new NodeIdentity(target.nodeId(), new Jurisdiction(certified.jurisdiction()));
    if (target.role() == LinkRole.PARENT) {
      LinkPolicy.requireParentOf(server, self);
    }
    return server;
  }
}
