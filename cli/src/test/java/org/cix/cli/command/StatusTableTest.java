package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.cix.proto.v1.CertificateExpiry;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.RevocationListDue;
import org.junit.jupiter.api.Test;

class StatusTableTest {
  @Test
  void print_certificatesDueForRenewal_sayToRenewNow_andWhoSignedTheMeasures() {
    Instant now = Instant.parse("2026-12-04T00:00:00Z");
    NodeStatus status = NodeStatus.newBuilder().setNodeId("bj").setJurisdiction("1101").setCatalogVersion("c".repeat(64))
        .setMeasuresName("国家联合奖惩措施").setMeasuresVersion("a".repeat(64)).setMeasuresSignedBy("cn")
        .setMeasuresSignedAtMillis(now.toEpochMilli())
        .addCertificates(CertificateExpiry.newBuilder().setWhich("tls")
            .setNotAfterMillis(now.plus(Duration.ofDays(10)).toEpochMilli()).setRenew(true))
        .addCertificates(CertificateExpiry.newBuilder().setWhich("root")
            .setNotAfterMillis(now.plus(Duration.ofDays(400)).toEpochMilli()))
        .addRevocationLists(RevocationListDue.newBuilder().setIssuer("CN=bj CA").setNumber(3)
            .setNextUpdateMillis(now.minus(Duration.ofDays(2)).toEpochMilli()).setOverdue(true))
        .addRevocationLists(RevocationListDue.newBuilder().setIssuer("CN=Root").setNumber(1)
            .setNextUpdateMillis(now.plus(Duration.ofDays(300)).toEpochMilli()))
        .build();
    StringWriter text = new StringWriter();

    StatusTable.print(status, now.toEpochMilli(), new PrintWriter(text, true));

    assertThat(text.toString())
        .containsPattern("certificate\\s+tls\\s+until 2026-12-14 08:00:00 \\(10 days\\)\\s+RENEW NOW: it expires within 30 days")
        .containsPattern("certificate\\s+root\\s+until \\S+ \\S+ \\(400 days\\)\\n")
        .contains("measures      国家联合奖惩措施 aaaaaaaaaaaaaaaa, signed by cn at 2026-12-04 08:00:00")
        .contains("revocations   list 3 of CN=bj CA, next due 2026-12-02 08:00:00  OVERDUE: a newer list may exist")
        .containsPattern("revocations   list 1 of CN=Root, next due \\S+ \\S+\\n");
  }
}
