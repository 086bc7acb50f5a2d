package org.cix.core.record;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cix.core.error.CixException;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.RecordBody;

/**
 * One immutable version of a record: the exact body bytes and their SHA-256. Created once at the
 * origin ({@link #create}); everywhere else read from bytes ({@link #fromBytes}), which checks
 * the hash over the bytes received.
 */
public final class RecordVersion {
  private final byte[] bytes;
  private final byte[] sha256;
  private final RecordBody body;

  private RecordVersion(byte[] bytes, byte[] sha256, RecordBody body) {
    this.bytes = bytes;
    this.sha256 = sha256;
    this.body = body;
  }

  /** Serialises {@code body} once; these bytes are the record version from now on. */
  public static RecordVersion create(RecordBody body) {
    byte[] bytes = body.toByteArray();
    return new RecordVersion(bytes, Hashes.sha256(bytes), body);
  }

  /** Reads stored or received bytes, refusing them unless they hash to {@code expectedSha256}. */
  public static RecordVersion fromBytes(byte[] bytes, byte[] expectedSha256) {
    byte[] actual = Hashes.sha256(bytes);
    if (!Arrays.equals(actual, expectedSha256)) {
      throw CixException.invalidInput("record bytes do not match their SHA-256");
    }
    return parse(bytes.clone(), actual);
  }

  /**
   * Reads bytes the caller has just hashed itself ({@code sha256} is its own SHA-256 over exactly
   * these bytes, never a hash that came with them), so they are not hashed twice. Takes the array.
   */
  public static RecordVersion fromHashedBytes(byte[] bytes, byte[] sha256) {
    return parse(bytes, sha256.clone());
  }

  private static RecordVersion parse(byte[] bytes, byte[] sha256) {
    try {
      return new RecordVersion(bytes, sha256, RecordBody.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw CixException.invalidInput("record bytes are not a record body: " + e.getMessage());
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without a copy, for writing to storage or the wire. Do not modify. */
  public byte[] bytesUnsafe() {
    return bytes;
  }

  public byte[] sha256() {
    return sha256.clone();
  }

  public RecordBody body() {
    return body;
  }

  public String recordId() {
    return body.getRecordId();
  }

  public int version() {
    return body.getVersion();
  }

  /** The fields by catalog key, in the record's order. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    body.getFieldsList().forEach(f -> fields.put(f.getKey(), f.getValue()));
    return fields;
  }

  @Override
  public String toString() {
    return body.getType() + " " + body.getRecordId() + " v" + body.getVersion();
  }
}
