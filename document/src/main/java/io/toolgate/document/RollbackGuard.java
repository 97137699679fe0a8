package io.toolgate.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * Refuses a policy document older than one already accepted, so that copying yesterday's document
 * and its signature back over today's (which needs no key, only write access) cannot bring old
 * grants back. Give it to {@link PolicyLoader.Builder#rollbackGuard}; every document that loader
 * loads must then carry a top-level {@code sequence} (see {@link DocumentStamp}) that is
 *
 * <ul>
 *   <li>not lower than the highest sequence accepted so far, and
 *   <li>when equal to it, the very same document (same version digest): one sequence number cannot
 *       name two documents.
 * </ul>
 *
 * <p>A document that passes is recorded as the highest accepted, in memory or in a state {@link
 * Store}. The rule itself is {@link #refusal(Accepted, String, DocumentStamp)}, a pure function, so
 * a store elsewhere (a fleet's shared policy store, say) applies the same rule with its own atomic
 * compare-and-set.
 *
 * <p>Where the state lives decides what the guard protects against: in memory, replays while the
 * process runs; in a {@link #persistedIn(Path) state file}, replays across restarts too, as long as
 * whoever can replace the document cannot also rewrite or delete the state file (keep it outside
 * the directory the document is published to); {@link #atLeast(long)} adds a floor the operator
 * supplies (from the deployment, say), which survives even a lost state file. Thread-safe.
 */
public final class RollbackGuard {
  /**
   * The highest document accepted so far: its sequence, and its version (null for a bare floor).
   */
  public record Accepted(long sequence, String version) {
    /** Validates the sequence. */
    public Accepted {
      if (sequence < 0) {
        throw new IllegalArgumentException("a sequence must not be negative, was " + sequence);
      }
    }
  }

  /** Where a guard keeps the highest accepted document. */
  public interface Store {
    /** The highest accepted so far, if any. */
    Optional<Accepted> read();

    /** Records a new highest accepted document. */
    void write(Accepted accepted);
  }

  private final Store store;
  private final long floor; // -1: none

  private RollbackGuard(Store store, long floor) {
    this.store = store;
    this.floor = floor;
  }

  /** A guard that remembers the highest accepted sequence for as long as it lives. */
  public static RollbackGuard inMemory() {
    return using(new MemoryStore());
  }

  /**
   * A guard that keeps the highest accepted sequence in {@code stateFile} (a small properties file,
   * replaced atomically), so a new guard on the same file, after a restart, refuses what the old
   * one would have. A missing file means nothing was accepted yet; an unreadable one refuses every
   * document until it is repaired.
   */
  public static RollbackGuard persistedIn(Path stateFile) {
    return using(new FileStore(Objects.requireNonNull(stateFile, "stateFile").toAbsolutePath()));
  }

  /** A guard keeping its state in {@code store}. */
  public static RollbackGuard using(Store store) {
    return new RollbackGuard(Objects.requireNonNull(store, "store"), -1);
  }

  /**
   * This guard, also refusing every sequence lower than {@code minimum} whatever its state says.
   *
   * @throws IllegalArgumentException if minimum is negative
   */
  public RollbackGuard atLeast(long minimum) {
    if (minimum < 0) {
      throw new IllegalArgumentException("minimum must not be negative, was " + minimum);
    }
    return new RollbackGuard(store, minimum);
  }

  /** The highest document accepted so far (or the floor), if any. */
  public Optional<Accepted> highest() {
    Optional<Accepted> stored = store.read();
    if (floor >= 0 && (stored.isEmpty() || stored.get().sequence() < floor)) {
      return Optional.of(new Accepted(floor, null));
    }
    return stored;
  }

  /**
   * Checks a document without recording it (for validation).
   *
   * @return why the document would be refused, or empty when it would be accepted
   */
  public Optional<String> check(String version, DocumentStamp stamp) {
    try {
      return refusal(highest().orElse(null), Objects.requireNonNull(version, "version"), stamp);
    } catch (UncheckedIOException e) {
      return Optional.of(unreadable(e));
    }
  }

  private static String unreadable(UncheckedIOException e) {
    return "rollback state unreadable, refusing every document until it is repaired: "
        + e.getMessage();
  }

  /**
   * Checks a document and, if it passes, records it as the highest accepted, atomically with
   * respect to other calls on this guard.
   *
   * @param version the document's version (the digest of its canonical content)
   * @return why the document is refused, or empty when it is accepted
   */
  public synchronized Optional<String> admit(String version, DocumentStamp stamp) {
    Objects.requireNonNull(version, "version");
    Optional<Accepted> highest;
    try {
      highest = highest();
    } catch (UncheckedIOException e) {
      return Optional.of(unreadable(e));
    }
    Optional<String> refusal = refusal(highest.orElse(null), version, stamp);
    if (refusal.isEmpty()
        && highest
            .map(h -> h.sequence() < stamp.sequence().getAsLong() || !version.equals(h.version()))
            .orElse(true)) {
      try {
        store.write(new Accepted(stamp.sequence().getAsLong(), version));
      } catch (UncheckedIOException e) {
        // Accepting what cannot be recorded would let a restart forget it: refuse instead.
        return Optional.of(
            "rollback state cannot be recorded, so the document is refused: " + e.getMessage());
      }
    }
    return refusal;
  }

  /**
   * The anti-rollback rule: why a document with this version and stamp must be refused after {@code
   * highest} was accepted, or empty if it may be accepted.
   *
   * @param highest the highest accepted so far, or null when none was
   */
  public static Optional<String> refusal(Accepted highest, String version, DocumentStamp stamp) {
    OptionalLong sequence = stamp.sequence();
    if (sequence.isEmpty()) {
      return Optional.of(
          "rollback check: the document has no 'sequence'; a loader guarding against "
              + "rollback needs a top-level 'sequence: N', raised with every release");
    }
    if (highest == null) {
      return Optional.empty();
    }
    long n = sequence.getAsLong();
    if (n < highest.sequence()) {
      return Optional.of(
          "rollback refused: sequence "
              + n
              + " is lower than "
              + highest.sequence()
              + ", the highest accepted"
              + (highest.version() == null
                  ? " (the operator's floor)"
                  : " (version " + highest.version() + ")")
              + "; an older document was put back");
    }
    if (n == highest.sequence()
        && highest.version() != null
        && !highest.version().equals(version)) {
      return Optional.of(
          "rollback refused: sequence "
              + n
              + " was already accepted for another "
              + "document (version "
              + highest.version()
              + "); raise the sequence with every change");
    }
    return Optional.empty();
  }

  private static final class MemoryStore implements Store {
    private Accepted accepted;

    @Override
    public synchronized Optional<Accepted> read() {
      return Optional.ofNullable(accepted);
    }

    @Override
    public synchronized void write(Accepted value) {
      accepted = value;
    }
  }

  /**
   * {@code sequence=N} and {@code version=V} lines, replaced atomically through a temporary file.
   */
  private record FileStore(Path file) implements Store {
    @Override
    public Optional<Accepted> read() {
      Properties p = new Properties();
      try {
        p.load(new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      try {
        return Optional.of(
            new Accepted(Long.parseLong(p.getProperty("sequence", "")), p.getProperty("version")));
      } catch (IllegalArgumentException e) {
        throw new UncheckedIOException(
            new IOException(file + " holds no valid 'sequence': " + e.getMessage(), e));
      }
    }

    @Override
    public void write(Accepted value) {
      String text =
          "# toolgate rollback state: the highest policy document accepted\n"
              + "sequence="
              + value.sequence()
              + "\n"
              + (value.version() == null ? "" : "version=" + value.version() + "\n");
      try {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
