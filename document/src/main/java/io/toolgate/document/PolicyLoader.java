package io.toolgate.document;

import io.toolgate.ErrorCode;
import io.toolgate.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Loads policy documents (JSON or YAML) into {@link Policy} snapshots. Thread-safe and reusable.
 *
 * <p>Loading is all or nothing: a document that does not parse, breaks a {@link DocumentLimits
 * limit}, fails validation or, when signatures are checked, does not verify, is refused with a
 * {@link DocumentException} listing every problem with its file, line and column; nothing of it is
 * ever used. The policy's version is the digest of the canonical document.
 *
 * <p>Module sections ({@code roles}, {@code rules}, ...) are read by the {@link PolicySection}s
 * found with {@link ServiceLoader}, unless {@link Builder#sections} names them explicitly.
 */
public final class PolicyLoader {
  private final DocumentLimits limits;
  private final List<PolicySection> sections;
  private final List<PublicKey> trustedKeys;
  private final boolean requireSignature;
  private final TreeParser parser;
  private final RollbackGuard rollbackGuard;
  private final Clock clock;

  private PolicyLoader(Builder b) {
    this.rollbackGuard = b.rollbackGuard;
    this.clock = b.clock;
    this.limits = b.limits;
    this.sections = List.copyOf(b.sections != null ? b.sections : discover());
    this.trustedKeys = List.copyOf(b.trustedKeys);
    this.requireSignature = b.requireSignature;
    this.parser = new TreeParser(limits);
  }

  private static List<PolicySection> discover() {
    List<PolicySection> found = new ArrayList<>();
    ServiceLoader.load(PolicySection.class, PolicyLoader.class.getClassLoader())
        .forEach(found::add);
    return found;
  }

  /** A loader with default limits, discovered sections, and no signature checks. */
  public static PolicyLoader defaults() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The sections this loader reads besides the core ones. */
  public List<PolicySection> sections() {
    return sections;
  }

  /**
   * Loads a document file; with trusted keys configured, also its signature file ({@code
   * FILE.sig}).
   *
   * @throws DocumentException if the document is refused
   * @throws java.io.UncheckedIOException if the file cannot be read
   */
  public Policy load(Path file) {
    byte[] bytes = read(file);
    return load(
        file.toString(), bytes, DocumentFormat.ofFileName(file.toString()), signatureOf(file));
  }

  /**
   * Loads a document from bytes.
   *
   * @param source the name used in error locations
   * @param signature the detached signature (base64), or null when there is none
   * @throws DocumentException if the document is refused
   */
  public Policy load(String source, byte[] bytes, DocumentFormat format, String signature) {
    Problems problems = new Problems(source);
    Policy policy = tryLoad(source, bytes, format, signature, problems, true);
    if (policy == null) {
      boolean trust =
          problems.sorted().stream()
              .anyMatch(
                  p ->
                      p.message().startsWith("signature")
                          || p.message().startsWith("rollback")
                          || p.message().startsWith("expired"));
      throw new DocumentException(
          trust ? ErrorCode.UNTRUSTED_DOCUMENT : ErrorCode.INVALID_DOCUMENT, problems.sorted());
    }
    return policy;
  }

  /** Every problem of a document file, in document order; empty when it loads. */
  public List<DocumentProblem> validate(Path file) {
    Problems problems = new Problems(file.toString());
    byte[] bytes;
    try {
      bytes = read(file);
    } catch (java.io.UncheckedIOException e) {
      problems.addAtStart("cannot read the file: " + e.getCause().getMessage());
      return problems.sorted();
    }
    tryLoad(
        file.toString(),
        bytes,
        DocumentFormat.ofFileName(file.toString()),
        signatureOf(file),
        problems,
        false);
    return problems.sorted();
  }

  private Policy tryLoad(
      String source,
      byte[] bytes,
      DocumentFormat format,
      String signature,
      Problems problems,
      boolean admit) {
    if (requireSignature || (!trustedKeys.isEmpty() && signature != null)) {
      if (!verified(bytes, signature, problems)) {
        return null;
      }
    }
    DocNode root = parser.parse(source, bytes, format, problems);
    if (root == null) {
      return null;
    }
    if (!(root instanceof DocNode.Obj obj)) {
      problems.add(
          root, "a policy document must be an object with 'version', found " + root.kind());
      return null;
    }
    DocumentReader reader =
        new DocumentReader(obj, sections, problems, new ScalarPositions(bytes, format));
    Policy policy = reader.read(Canonical.version(root));
    if (policy == null) {
      return null;
    }
    DocumentStamp stamp = reader.stamp();
    Instant now = clock.instant();
    if (stamp.expires().isPresent() && !now.isBefore(stamp.expires().get())) {
      problems.add(
          reader.stampLocation(),
          "expired: the document expired at " + stamp.expires().get() + " (now " + now + ")");
      return null;
    }
    if (rollbackGuard != null) {
      java.util.Optional<String> refusal =
          admit
              ? rollbackGuard.admit(policy.version(), stamp)
              : rollbackGuard.check(policy.version(), stamp);
      if (refusal.isPresent()) {
        problems.add(reader.stampLocation(), refusal.get());
        return null;
      }
    }
    return policy;
  }

  private boolean verified(byte[] bytes, String signature, Problems problems) {
    if (signature == null) {
      problems.addAtStart("signature missing: this loader requires a signed document (FILE.sig)");
      return false;
    }
    if (trustedKeys.isEmpty()) {
      problems.addAtStart("signature cannot be checked: no trusted public key is configured");
      return false;
    }
    for (PublicKey key : trustedKeys) {
      if (Signatures.verify(bytes, signature, key)) {
        return true;
      }
    }
    problems.addAtStart(
        "signature does not verify with any of the "
            + trustedKeys.size()
            + " trusted keys: the document changed after signing, or another key signed it");
    return false;
  }

  /**
   * The document's bytes, at most one more than the size limit (so an oversized file is refused).
   */
  byte[] read(Path file) {
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        // Refuse before reading a byte more than the limit.
        try (InputStream in = Files.newInputStream(file)) {
          return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The detached signature next to {@code file}, or null when there is none. */
  String signatureOf(Path file) {
    Path sig = file.resolveSibling(file.getFileName() + ".sig");
    try {
      return Files.readString(sig).trim();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + sig + ": " + e.getMessage(), e);
    }
  }

  /** Configures a {@link PolicyLoader}. */
  public static final class Builder {
    private DocumentLimits limits = DocumentLimits.DEFAULTS;
    private List<PolicySection> sections;
    private final List<PublicKey> trustedKeys = new ArrayList<>();
    private boolean requireSignature;
    private RollbackGuard rollbackGuard;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the limits (default {@link DocumentLimits#DEFAULTS}). */
    public Builder limits(DocumentLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /** Reads exactly these module sections instead of the discovered ones. */
    public Builder sections(List<PolicySection> values) {
      this.sections = List.copyOf(values);
      return this;
    }

    /** Trusts signatures by this key; a signature present is then always checked. */
    public Builder trustedKey(PublicKey key) {
      trustedKeys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** Refuses documents without a valid signature by a trusted key. */
    public Builder requireSignature(boolean value) {
      this.requireSignature = value;
      return this;
    }

    /**
     * Refuses documents older than one this guard already accepted (anti-rollback): every document
     * must then carry a top-level {@code sequence}, and each one loaded is recorded in the guard.
     * {@link PolicyLoader#validate(Path)} checks against the guard without recording.
     */
    public Builder rollbackGuard(RollbackGuard value) {
      this.rollbackGuard = Objects.requireNonNull(value, "rollbackGuard");
      return this;
    }

    /**
     * The clock that decides whether a document's {@code expires} has passed (default UTC system
     * clock).
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the loader.
     *
     * @throws IllegalStateException if signatures are required but no key is trusted
     */
    public PolicyLoader build() {
      if (requireSignature && trustedKeys.isEmpty()) {
        throw new IllegalStateException("requireSignature needs at least one trusted key");
      }
      return new PolicyLoader(this);
    }
  }
}
