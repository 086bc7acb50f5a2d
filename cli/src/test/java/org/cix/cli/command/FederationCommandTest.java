package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.LinkReportInfo;
import org.cix.proto.v1.NodeReportInfo;
import org.junit.jupiter.api.Test;

class FederationCommandTest {
  @Test
  void aNodeWhoseCertificateExpiresWithin30Days_isMarkedRenew() {
    Instant now = Instant.parse("2026-12-05T00:00:00Z");
    FederationView view = FederationView.newBuilder()
        .addNodes(NodeReportInfo.newBuilder().setNodeId("cn").setReportedAtMillis(now.toEpochMilli())
            .setCertificatesUntilMillis(now.plus(Duration.ofDays(400)).toEpochMilli()))
        .addNodes(NodeReportInfo.newBuilder().setNodeId("bj").setParent("cn").setJurisdiction("1101")
            .setReportedAtMillis(now.toEpochMilli()).setCertificatesUntilMillis(now.plus(Duration.ofDays(10))
                .toEpochMilli()))
        .addNodes(NodeReportInfo.newBuilder().setNodeId("sh").setParent("cn").setJurisdiction("3101")
            .setReportedAtMillis(now.toEpochMilli()))
        .build();
    StringWriter text = new StringWriter();

    FederationCommand.print(view, new PrintWriter(text, true), now.toEpochMilli());

    assertThat(text.toString()).containsPattern("cn\\s+national\\s+\\S+ ago\\s+0\\s+400 days\\s")
        .containsPattern("bj\\s+1101\\s+\\S+ ago\\s+0\\s+10 days RENEW")
        .containsPattern("sh\\s+3101\\s+\\S+ ago\\s+0\\s+-\\s");
  }

  @Test
  void aNodeWhoseParentLaterReportsItsLinkDown_isShownDown() {
    Instant now = Instant.parse("2026-12-05T00:10:00Z");
    FederationView view = FederationView.newBuilder()
        .addNodes(NodeReportInfo.newBuilder().setNodeId("bj").setJurisdiction("1101")
            .setReportedAtMillis(now.minusSeconds(3).toEpochMilli())
            .addLinks(LinkReportInfo.newBuilder().setPeer("bj-chaoyang").setRole("child").setState("down"))
            .addLinks(LinkReportInfo.newBuilder().setPeer("bj-dongcheng").setRole("child").setState("up")))
        .addNodes(NodeReportInfo.newBuilder().setNodeId("bj-chaoyang").setParent("bj").setJurisdiction("110105")
            .setReportedAtMillis(now.minusSeconds(540).toEpochMilli()))
        .addNodes(NodeReportInfo.newBuilder().setNodeId("bj-dongcheng").setParent("bj").setJurisdiction("110101")
            .setReportedAtMillis(now.minusSeconds(530).toEpochMilli()))
        .build();
    StringWriter text = new StringWriter();

    FederationCommand.print(view, new PrintWriter(text, true), now.toEpochMilli());

    assertThat(text.toString()).containsPattern("bj-chaoyang\\s+110105\\s+9m00s ago, DOWN at bj 3s ago")
        .containsPattern("bj-dongcheng\\s+110101\\s+8m50s ago\\s");
  }
}
