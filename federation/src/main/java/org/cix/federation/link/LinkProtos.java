package org.cix.federation.link;

import org.cix.core.error.CixException;
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
}
