package io.toolgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the version Maven wrote into {@code version.properties} when it built the
 * classes, so it is right in the jar and in tests alike; the jar manifest's {@code
 * Implementation-Version} when that resource is missing (a repackaged jar).
 */
final class VersionProvider implements IVersionProvider {
  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"toolgate " + version()};
  }

  static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = p.getProperty("version");
    if (v == null || v.startsWith("${")) {
      v = VersionProvider.class.getPackage().getImplementationVersion();
    }
    return v == null ? "(unknown version)" : v;
  }
}
