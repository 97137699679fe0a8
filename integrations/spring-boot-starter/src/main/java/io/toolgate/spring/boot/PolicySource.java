package io.toolgate.spring.boot;

import io.toolgate.Policy;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The policy document a {@code toolgate.policy.location} names: a file (which can be watched) or a
 * resource read once (a {@code classpath:} entry inside a jar).
 */
final class PolicySource {
  private final String location;
  private final Path file;
  private final Resource resource;

  private PolicySource(String location, Path file, Resource resource) {
    this.location = location;
    this.file = file;
    this.resource = resource;
  }

  /**
   * Resolves a location: a plain path or {@code file:} is a file; any other prefix ({@code
   * classpath:}, {@code https:}) is read through Spring's resource loader, as a file when it is
   * one.
   *
   * @throws IllegalStateException if the location is empty or names nothing that exists
   */
  static PolicySource resolve(String location, ResourceLoader loader) {
    if (location == null || location.isBlank()) {
      throw new IllegalStateException(
          "toolgate.policy.location is not set: name the policy document (a file path, 'file:' or"
              + " 'classpath:' location), or define a DecisionEngine bean");
    }
    boolean plainPath = !location.contains(":") || location.matches("^[A-Za-z]:[\\\\/].*");
    Resource resource =
        loader.getResource(plainPath ? "file:" + Path.of(location).toAbsolutePath() : location);
    if (!resource.exists()) {
      throw new IllegalStateException(
          "toolgate.policy.location " + location + ": no such document (" + resource + ")");
    }
    Path file = null;
    if (resource.isFile()) {
      try {
        file = resource.getFile().toPath();
      } catch (IOException e) {
        file = null;
      }
    }
    return new PolicySource(location, file, resource);
  }

  /** The file, when the document is one (and so can be reloaded); null otherwise. */
  Path file() {
    return file;
  }

  /** Loads the document; a refused one throws its located problems. */
  Policy load(PolicyLoader loader) {
    if (file != null) {
      return loader.load(file);
    }
    byte[] bytes = read(resource);
    String signature = null;
    try {
      Resource sig = resource.createRelative(resource.getFilename() + ".sig");
      if (sig.exists()) {
        signature = new String(read(sig), StandardCharsets.US_ASCII).strip();
      }
    } catch (IOException e) {
      signature = null;
    }
    return loader.load(
        location,
        bytes,
        DocumentFormat.ofFileName(String.valueOf(resource.getFilename())),
        signature);
  }

  /** Reads a PEM public key given as text or as a location. */
  static PublicKey publicKey(String value, ResourceLoader loader) {
    String pem = value.strip();
    if (!pem.startsWith("-----BEGIN")) {
      Resource r = loader.getResource(pem.contains(":") ? pem : "file:" + pem);
      if (!r.exists()) {
        throw new IllegalStateException("toolgate.policy.public-key " + value + ": no such file");
      }
      pem = new String(read(r), StandardCharsets.US_ASCII);
    }
    return Signatures.publicKey(pem);
  }

  private static byte[] read(Resource r) {
    try (InputStream in = r.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + r, e);
    }
  }

  @Override
  public String toString() {
    return location;
  }
}
