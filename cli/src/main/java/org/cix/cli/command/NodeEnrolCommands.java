package org.cix.cli.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.cix.cli.node.NodeEnrolment;
import org.cix.crypto.pki.EnrolmentRequest;
import org.cix.crypto.pki.Fingerprints;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.proto.v1.CertificatesRenewed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cix node request} and {@code cix node accept}: enrolment by request, the node's side;
 * {@code cix node renew}: renewal of a running node over its link.
 */
final class NodeEnrolCommands {
  private NodeEnrolCommands() {}

  @Command(name = "request", mixinStandardHelpOptions = true,
      description = "Start a node directory by request: its TLS and sealing keys (and, above district level, its "
          + "CA's key), admin token and storage key made here, and the request for certificates ("
          + EnrolmentRequest.FILE + ") to hand to the parent's operator (cix ca sign). No private key leaves "
          + "this directory.")
  static final class Request implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NewNodeOptions node;

    @Option(names = "--front-end", description = "A read front end of node --id (docs/scaling.md): its TLS key and "
        + "one request, for a certificate marked as a front end's; no sealing key, no CA.")
    boolean frontEnd;

    @Override
    public Integer call() {
      Path out = node.out;
      var o = spec.commandLine().getOut();
      if (frontEnd) {
        NodeEnrolment.requestFrontEnd(node.id, node.jurisdiction, out);
        o.println("read front end of node " + node.id + " started in " + out + ": TLS key and admin token made here");
        o.println("  request       " + out.resolve(EnrolmentRequest.FILE) + " (TLS, marked as a front end's)");
      } else {
        boolean withCa = NodeEnrolment.request(node.id, node.jurisdiction, out, !node.noCa);
        o.println("node " + node.id + " started in " + out + ": keys, admin token and storage key made here");
        o.println("  request       " + out.resolve(EnrolmentRequest.FILE) + " (TLS, sealing" + (withCa ? ", CA" : "")
            + ")");
      }
      o.println("  next          the parent's operator: cix ca sign --ca PARENT_DIR --request "
          + EnrolmentRequest.FILE + " --out ANSWER_DIR");
      o.println("                then here: cix node accept --answer ANSWER_DIR --node " + out);
      return 0;
    }
  }

  @Command(name = "accept", mixinStandardHelpOptions = true,
      description = "Put the certificates the parent's CA issued for this node's request (cix ca sign) into its "
          + "node directory, each checked against its key there and to the national root.")
  static final class Accept implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--answer", required = true, paramLabel = "DIR", description = "What cix ca sign wrote.")
    Path answer;

    @Option(names = "--node", required = true, paramLabel = "NODE_DIR", description = "The requesting node directory.")
    Path node;

    @Override
    public Integer call() {
      NodeKeyMaterial keys = EnrolmentRequest.accept(answer, node, Clock.systemUTC());
      var o = spec.commandLine().getOut();
      o.println((keys.frontEnd() ? "read front end of node " : "node ") + keys.nodeId() + " ("
          + (keys.jurisdiction().isEmpty() ? "national" : keys.jurisdiction()) + ") ready in " + node);
      o.println("  TLS cert      SHA-256 " + Fingerprints.sha256(keys.tlsChain().get(0)));
      if (keys.frontEnd()) {
        o.println("  no sealing key: seals, bundles and packages are signed by the node's writer");
      } else {
        o.println("  sealing cert  SHA-256 " + Fingerprints.sha256(keys.sealChain().get(0)));
        o.println("  issues for children: " + (keys.canIssue() ? "yes (use --ca " + node + ")" : "no"));
      }
      o.println("  root          SHA-256 " + Fingerprints.sha256(keys.root())
          + " (compare with the fingerprint the national site published)");
      return 0;
    }
  }

  @Command(name = "renew", mixinStandardHelpOptions = true,
      description = "Renew the running node's TLS and sealing certificates now over its link to the parent (new "
          + "keys made at the node, certificates from the parent's CA; links shake hands again with them). A node "
          + "does this by itself within certificates.renew-before of their expiry.")
  static final class Renew extends NodeCall {
    @Option(names = "--new-keys", description = "New keys even when the parent cannot extend the certificates' "
        + "validity (a compromised key).")
    boolean newKeys;

    @Override
    public Integer call() {
      CertificatesRenewed renewed = node.ask(client -> client.trust().renewCertificates(newKeys));
      var o = out();
      o.println("certificates renewed by " + renewed.getIssuedBy() + ", valid until "
          + Instant.ofEpochMilli(renewed.getNotAfterMillis()));
      o.println("  TLS cert      SHA-256 " + renewed.getTlsFingerprint());
      o.println("  sealing cert  SHA-256 " + renewed.getSealFingerprint());
      for (String file : renewed.getSupersededList()) {
        o.println("  replaced      " + file);
      }
      if (renewed.getSupersededCount() > 0) {
        o.println("  next          nothing needed: the replaced certificates expire and what they sealed keeps its "
            + "proof; to retire them sooner, once cix sync status shows no backlog toward the parent, send the files "
            + "to the parent's operator: cix ca revoke --ca DIR --cert FILE --reason superseded");
      }
      return 0;
    }
  }

  @Command(name = "renewal-request", mixinStandardHelpOptions = true,
      description = "Ask for new certificates by request, for a node that cannot renew over a link (the national "
          + "node; a city moving under a new root): new TLS and sealing keys made here, its CA's key kept (what it "
          + "issued stays valid). Answer with cix ca sign, put in place with cix node accept, node stopped.")
  static final class RenewalRequest implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "NODE_DIR", description = "The node directory.")
    Path node;

    @Override
    public Integer call() {
      Path request = EnrolmentRequest.renewal(node, Clock.systemUTC());
      var o = spec.commandLine().getOut();
      o.println("renewal of " + node + " requested: new keys kept in " + request.getParent());
      o.println("  request       " + request);
      o.println("  next          the issuing CA's operator: cix ca sign --ca CA_DIR --request " + request
          + " --out ANSWER_DIR");
      o.println("                then here, node stopped: cix node accept --answer ANSWER_DIR --node " + node);
      return 0;
    }
  }
}
