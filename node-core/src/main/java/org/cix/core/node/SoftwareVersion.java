package org.cix.core.node;

/** The version of this build, from the jar manifest ("dev" when run from classes). */
public final class SoftwareVersion {
  private SoftwareVersion() {}

  public static String current() {
    String version = SoftwareVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
