package org.cix.cli.command;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pki.Fingerprints;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TrustedRoots;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix node trust}: the national roots a node trusts, changed during a root rotation. */
@Command(name = "trust", mixinStandardHelpOptions = true,
    description = "Show the roots a node trusts; add a new root on the word of one it trusts (its cross certificate, "
        + "from cix ca rotate); or retire a root whose key was compromised. Taken at the node's next start.")
final class NodeTrustCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--node", required = true, paramLabel = "NODE_DIR", description = "The node directory.")
  Path node;

  @ArgGroup(exclusive = true)
  Change change;

  static final class Change {
    @ArgGroup(exclusive = false)
    Add add;

    @Option(names = "--retire", paramLabel = "SHA256",
        description = "Stop trusting the root of this fingerprint: only when its key is compromised (what was sealed "
            + "under it stops proving); a root that is simply replaced is left to expire.")
    String retire;
  }

  static final class Add {
    @Option(names = "--add", required = true, paramLabel = "FILE", description = "The new root's certificate.")
    Path root;

    @Option(names = "--cross", required = true, paramLabel = "FILE",
        description = "Its cross certificate, signed by a root this node trusts.")
    Path cross;
  }

  @Override
  public Integer call() {
    var o = spec.commandLine().getOut();
    List<X509Certificate> roots;
    if (change != null && change.add != null) {
      roots = TrustedRoots.trustInNode(node, one(change.add.root), one(change.add.cross));
      o.println("root added; restart the node to take it");
    } else if (change != null) {
      X509Certificate retired = TrustedRoots.retireInNode(node, change.retire, Clock.systemUTC());
      o.println("root " + retired.getSubjectX500Principal() + " retired; restart the node to apply it");
      roots = NodeKeyMaterial.load(node, Clock.systemUTC()).roots();
    } else {
      roots = NodeKeyMaterial.load(node, Clock.systemUTC()).roots();
    }
    List<String[]> rows = new java.util.ArrayList<>();
    rows.add(new String[] {"ROOT", "VALID UNTIL", "SHA-256"});
    roots.forEach(root -> rows.add(new String[] {root.getSubjectX500Principal().getName(),
        TextTable.beijing(root.getNotAfter().getTime()), Fingerprints.sha256(root)}));
    TextTable.print(rows, o);
    return 0;
  }

  private static X509Certificate one(Path file) {
    List<X509Certificate> certificates = PemFiles.readCertificates(file);
    if (certificates.size() != 1) {
      throw new IllegalArgumentException(file + ": expected one certificate, found " + certificates.size());
    }
    return certificates.get(0);
  }
}
