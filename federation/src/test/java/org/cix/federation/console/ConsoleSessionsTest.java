package org.cix.federation.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cix.proto.v1.AccountInfo;
import org.cix.proto.v1.DayFlow;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** Console sessions end with their token; the exchange page's drawings are scaled and ordered as they say. */
class ConsoleSessionsTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));
  private final ConsoleSessions sessions = new ConsoleSessions(clock);

  @Test
  void aSessionIsFoundByItsCookieUntilItsTokenEnds_thenNeverAgain() {
    var session = sessions.open("cixs_token", clock.instant().plus(Duration.ofMinutes(30)),
        AccountInfo.newBuilder().setName("a-checker").addRoles("checker").build());
    Headers request = new Headers();
    request.add("Cookie", "other=1; " + ConsoleSessions.COOKIE + "=" + session.id());
    assertThat(sessions.setCookie(session)).contains("HttpOnly").contains("Secure").contains("SameSite=Strict")
        .contains("Max-Age=1800").contains("Path=/console/");
    assertThat(sessions.of(request)).contains(session);
    assertThat(session.forgeryTokenIs(session.csrf())).isTrue();
    assertThat(session.forgeryTokenIs(session.id())).isFalse();
    assertThat(session.forgeryTokenIs(null)).isFalse();

    clock.advance(Duration.ofMinutes(30));
    assertThat(sessions.of(request)).as("ended with its token").isEmpty();
    clock.set(clock.instant().minus(Duration.ofMinutes(10)));
    assertThat(sessions.of(request)).as("forgotten once ended, even if the clock goes back").isEmpty();
  }

  @Test
  void aCookieNoSessionHasOpensNothing() {
    Headers request = new Headers();
    request.add("Cookie", ConsoleSessions.COOKIE + "=0123456789abcdef");
    assertThat(sessions.of(request)).isEmpty();
    assertThat(sessions.of(new Headers())).isEmpty();
  }

  @Test
  void theBusiestDayFillsTheDrawing_andEachDayHasItsSentAndReceived() {
    var days = ExchangePage.days(List.of(flow("2026-12-05", "received", 50), flow("2026-12-06", "received", 200),
        flow("2026-12-06", "sent", 20), flow("2026-12-05", "sent", 0)));
    assertThat(days).extracting(ExchangePage.Day::day).containsExactly("2026-12-05", "2026-12-06");
    assertThat(days.get(1).receivedHeight()).isEqualTo(140);
    assertThat(days.get(0).receivedHeight()).isEqualTo(35);
    assertThat(days.get(1).sentHeight()).isEqualTo(14);
    assertThat(days.get(0).sentHeight()).isZero();
    assertThat(days.get(1).x()).isGreaterThan(days.get(0).x());
  }

  @Test
  void theEvolution_alignsEachDepartmentsMonths_andScalesBarsToTheLargestCount() {
    var evolution = ExchangePage.evolution(List.of(monthly("B", "2026-11", 10), monthly("A", "2026-12", 72),
        monthly("A", "2026-10", 36)));
    assertThat(evolution.months()).containsExactly("2026-10", "2026-11", "2026-12");
    assertThat(evolution.rows()).extracting(ExchangePage.DepartmentRow::department).containsExactly("A", "B");
    assertThat(evolution.rows().get(0).versions()).containsExactly(36L, 0L, 72L);
    assertThat(evolution.rows().get(0).heights()).containsExactly(18, 0, 36);
    assertThat(evolution.rows().get(1).versions()).containsExactly(0L, 10L, 0L);
    assertThat(evolution.rows().get(1).heights()).containsExactly(0, 5, 0);
  }

  @Test
  void theTree_listsEachNodeUnderItsParent_depthFirst() {
    var tree = ExchangePage.tree(List.of(node("bj-chaoyang", "bj"), node("cn", ""), node("sh", "cn"),
        node("bj", "cn")));
    assertThat(tree).extracting(t -> t.report().getNodeId() + "@" + t.depth())
        .containsExactly("cn@0", "bj@1", "bj-chaoyang@2", "sh@1");
  }

  private static org.cix.proto.v1.NodeReportInfo node(String id, String parent) {
    return org.cix.proto.v1.NodeReportInfo.newBuilder().setNodeId(id).setParent(parent).build();
  }

  private static org.cix.proto.v1.MonthlyVersions monthly(String department, String month, long versions) {
    return org.cix.proto.v1.MonthlyVersions.newBuilder().setDepartment(department).setDepartmentName(department)
        .setMonth(month).setVersions(versions).build();
  }

  private static DayFlow flow(String day, String direction, long items) {
    return DayFlow.newBuilder().setDay(day).setDirection(direction).setItems(items).build();
  }
}
