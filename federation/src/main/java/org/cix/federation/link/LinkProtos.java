package org.cix.federation.link;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cix.core.discipline.CurrentMeasures;
import org.cix.core.discipline.Measures;
import org.cix.core.error.CixException;
import org.cix.proto.v1.MeasuresFile;
import org.cix.proto.v1.MeasuresSet;
import org.cix.core.link.LinkRole;

/** Conversions between link words of the domain and of the wire. */
public final class LinkProtos {
  private LinkProtos() {}

  public static org.cix.proto.v1.LinkRole toProto(LinkRole role) {
    return switch (role) {
      case PARENT -> org.cix.proto.v1.LinkRole.LINK_ROLE_PARENT;
      case CHILD -> org.cix.proto.v1.LinkRole.LINK_ROLE_CHILD;
      case PEER -> org.cix.proto.v1.LinkRole.LINK_ROLE_PEER;
    };
  }

  public static java.util.List<byte[]> bytes(java.util.List<com.google.protobuf.ByteString> list) {
    return list.stream().map(com.google.protobuf.ByteString::toByteArray).toList();
  }

  public static java.util.List<com.google.protobuf.ByteString> byteStrings(java.util.List<byte[]> list) {
    return list.stream().map(com.google.protobuf.ByteString::copyFrom).toList();
  }

  public static LinkRole fromProto(org.cix.proto.v1.LinkRole role) {
    return switch (role) {
      case LINK_ROLE_PARENT -> LinkRole.PARENT;
      case LINK_ROLE_CHILD -> LinkRole.CHILD;
      case LINK_ROLE_PEER -> LinkRole.PEER;
      default -> throw CixException.invalidInput("Hello names no link role");
    };
  }

  /** A set of measures as a parent hands it down, with the national node's signature. */
  public static MeasuresSet measures(CurrentMeasures.InForce inForce) {
    Measures measures = inForce.measures();
    MeasuresSet.Builder set = MeasuresSet.newBuilder().setVersion(measures.version());
    inForce.signature().ifPresent(set::setSignature);
    measures.files().forEach((name, content) -> set.addFiles(MeasuresFile.newBuilder().setName(name)
        .setContent(ByteString.copyFrom(content))));
    return set.build();
  }

  /** The files of a set received from the parent, in order. */
  public static Map<String, byte[]> files(MeasuresSet set) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    set.getFilesList().forEach(f -> files.put(f.getName(), f.getContent().toByteArray()));
    return files;
  }
}
