package org.cix.core.record;

import java.util.Optional;
import org.cix.core.subject.ResidentIds;
import org.cix.core.subject.SubjectIds;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;

/**
 * The person a record names as the legal representative of its subject (法定代表人证件号码 when
 * its type is 身份证 or not given): the key by which a check on a person finds the records of the
 * enterprises they represent. First-generation 15-digit numbers are read as their 18-digit form;
 * a number whose check character is wrong names no one.
 */
public final class Representatives {
  public static final String ID_TYPE = "legal_rep_id_type";
  public static final String ID_NUMBER = "legal_rep_id_number";
  public static final String RESIDENT_ID_CARD = "身份证";

  private Representatives() {}

  public static Optional<String> of(RecordBody body) {
    String type = "";
    String number = "";
    for (Field field : body.getFieldsList()) {
      if (field.getKey().equals(ID_TYPE)) {
        type = field.getValue();
      } else if (field.getKey().equals(ID_NUMBER)) {
        number = SubjectIds.normalise(field.getValue());
      }
    }
    if (!type.isEmpty() && !type.equals(RESIDENT_ID_CARD)) {
      return Optional.empty();
    }
    if (number.length() == 15 && number.chars().allMatch(Character::isDigit)) {
      return Optional.of(ResidentIds.upgrade(number));
    }
    boolean wellFormed = number.length() == 18 && number.chars().limit(17).allMatch(Character::isDigit)
        && ResidentIds.checkCharacter(number.substring(0, 17)) == number.charAt(17);
    return wellFormed ? Optional.of(number) : Optional.empty();
  }
}
