package org.cix.core.discipline;

import java.util.Optional;
import org.cix.core.yaml.Words;

/**
 * The class of a measure in the national basic list of dishonesty measures (全国失信惩戒措施基础清单,
 * 发改财金规〔2021〕1827号): restrictions of rights or added duties imposed under a law or
 * regulation, management measures a public body takes in its own work (重点监管, no 告知承诺),
 * and measures that market and industry bodies take themselves; rewards are incentives.
 */
public enum MeasureClass {
  LEGAL("legal", "减损权益或增加义务的措施"),
  MANAGEMENT("management", "管理措施"),
  MARKET("market", "市场和行业措施"),
  INCENTIVE("incentive", "激励措施");

  private final String word;
  private final String label;

  MeasureClass(String word, String label) {
    this.word = word;
    this.label = label;
  }

  public String word() {
    return word;
  }

  public String label() {
    return label;
  }

  /** Punishments are of the three classes of the list; rewards are incentives. */
  public boolean fits(MeasureKind kind) {
    return (kind == MeasureKind.REWARD) == (this == INCENTIVE);
  }

  public static Optional<MeasureClass> of(String word) {
    return Words.of(values(), MeasureClass::word, word);
  }
}
