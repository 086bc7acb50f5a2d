package org.cix.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cix.core.error.CixException;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.Decision;
import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.ProfileRecord;

/**
 * The demo's objection: the listed enterprise objects at the other city's district; the flag
 * reaches every node; that district may not decide; the listing district revokes the entry and
 * every node's check turns NONE, while the filing district shows the outcome.
 */
final class DemoCorrections {
  private final PrintWriter out;

  DemoCorrections(PrintWriter out) {
    this.out = out;
  }

  void show(String listed, String lister, String elsewhere, Map<String, AdminClient> clients)
      throws InterruptedException {
    AdminClient far = clients.get(elsewhere);
    String listing = far.subject(listed).getRecordsList().stream()
        .filter(r -> r.getType().equals("serious-dishonesty")).map(ProfileRecord::getRecordId).findFirst()
        .orElseThrow();
    long started = System.nanoTime();
    CorrectionInfo filed = far.corrections().file(FileCorrectionRequest.newBuilder().setKind("OBJECTION")
        .setSubjectId(listed).setRecordId(listing).setReason("认定所依据的行政处罚已被复议撤销 (the penalty behind the "
            + "listing was quashed on review)").setEvidence("行政复议决定书 (demo)")
        .setFiledBy("上海市浦东新区信用中心 窗口 (demo)").build());
    out.printf("%s objects at %s (cix objection file --record %s): request %s, due %s, decided only by the "
        + "origin %s%n", listed, elsewhere, listing, filed.getId(), filed.getDueOn(), filed.getOriginNode());

    Map<String, Double> flagged = new LinkedHashMap<>();
    DemoSync.until(started, () -> "the objection flag reached " + flagged.keySet() + " only", () -> {
      clients.forEach((node, client) -> {
        if (!flagged.containsKey(node) && client.history(listing).getVersionsList().stream()
            .anyMatch(v -> v.getObjection().equals(filed.getId()))) {
          flagged.put(node, (System.nanoTime() - started) / 1e6);
        }
      });
      return flagged.size() == clients.size();
    });
    out.printf("the listing shows 'under objection %s' on all %d nodes %.0f ms after filing%n", filed.getId(),
        clients.size(), flagged.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
    try {
      far.corrections().decide(decide(filed.getId()));
      throw new CixException(CixException.Kind.PRECONDITION_FAILED, elsewhere + " decided an objection it does not own");
    } catch (CixException e) {
      out.printf("%s tries to decide it: refused (%s)%n", elsewhere, e.getMessage());
    }

    CorrectionInfo decided = clients.get(lister).corrections().decide(decide(filed.getId()));
    long decidedAt = System.nanoTime();
    out.printf("%s, the origin, decides (cix objection decide %s --outcome REVOKED): record now v%d, revoked%n",
        lister, filed.getId(), decided.getRecordVersion());
    List<String> lifted = new ArrayList<>();
    DemoSync.until(decidedAt, () -> "the revocation lifted the restriction at " + lifted + " only", () -> {
      clients.forEach((node, client) -> {
        if (!lifted.contains(node) && client.check(CheckRequest.newBuilder().setSubjectId(listed)
            .setAction("public-procurement.bid").setAsker("demo").setPurpose("异议处理后复核").build()).getDecision()
            == Decision.DECISION_NONE) {
          lifted.add(node);
        }
      });
      return lifted.size() == clients.size()
          && far.corrections().show(filed.getId()).getState().equals("REVOKED");
    });
    out.printf("cix check %s --action public-procurement.bid: NONE on all %d nodes %.0f ms after the decision; %s "
        + "shows the request %s%n", listed, clients.size(), (System.nanoTime() - decidedAt) / 1e6, elsewhere,
        far.corrections().show(filed.getId()).getState());
  }

  private static DecideCorrectionRequest decide(String id) {
    return DecideCorrectionRequest.newBuilder().setId(id).setOutcome("REVOKED")
        .setNote("复核属实，撤销名单认定 (confirmed; listing revoked)").setDecidedBy("列入部门 (demo)").build();
  }
}
