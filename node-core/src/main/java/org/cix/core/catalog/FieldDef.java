package org.cix.core.catalog;

import java.util.List;

/**
 * One field of a record type.
 *
 * @param key stable ASCII key, used in records and mappings
 * @param label the Chinese label of the national data standard
 * @param labelEn the English label
 * @param maxLength maximum length in characters (text fields)
 * @param codes the code list (code and codes fields)
 * @param personal personal data of a natural person: masked in logs and, later, in answers
 */
public record FieldDef(
    String key, String label, String labelEn, FieldType type, boolean required, int maxLength, List<String> codes,
    boolean personal) {
  public FieldDef {
    codes = List.copyOf(codes);
  }
}
