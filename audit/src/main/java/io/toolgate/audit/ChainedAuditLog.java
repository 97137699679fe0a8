package io.toolgate.audit;

import io.toolgate.DecisionEvent;
import io.toolgate.internal.CanonicalJson;
import io.toolgate.internal.Digests;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tamper-evident audit log: one JSON line per decision, as {@link AuditLogListener} writes it,
 * plus a sequence number and the SHA-256 of the line before it, each line in canonical JSON (keys
 * sorted, one spelling per value), so that every field of every decision (effect, reason, rules,
 * policy version, trace id, ...) is covered by the hash chain. The lines are also the leaves of a
 * Merkle tree (RFC 6962), and every {@code N} entries or {@code T} of time a checkpoint line
 * carries the tree's size and root signed with Ed25519 as a C2SP {@code tlog-checkpoint} note. A
 * log rotates to a new file after a given size; the new file goes on with the chain. {@link
 * AuditLogVerifier} checks such a log and proves entries in it; docs/audit.md describes the format.
 *
 * <p>Request arguments are never recorded (they may hold personal data; a policy cannot yet name
 * argument fields to record). The trace id is the request environment's {@code traceId} string, if
 * any (see {@link Builder#traceKey}).
 *
 * <p>Give it to an engine behind {@link AsyncDecisionListener#wrap}: formatting, hashing, signing
 * and writing then happen on the queue's consumer thread, in batches (this listener buffers lines
 * and flushes them at the end of each batch), never on the deciding thread. Close the queue first,
 * then this log: closing writes a last checkpoint marked closed, so that a log closed cleanly ends
 * signed and nothing can be appended to it unseen.
 *
 * <p>Thread-safe (its methods are synchronized; under the queue only its consumer calls them).
 * Writing problems are thrown as {@link UncheckedIOException}, which the queue counts as listener
 * failures.
 */
public final class ChainedAuditLog implements BatchAwareListener, AutoCloseable {
  /** The {@code prev} of the first entry: 64 zeros. */
  static final String NO_PREVIOUS = "0".repeat(64);

  private final Path first;
  private final PrivateKey key;
  private final PublicKey publicKey;
  private final String origin;
  private final long checkpointEntries;
  private final long checkpointMillis;
  private final long rotateBytes;
  private final InstantSource clock;
  private final String traceKey;
  private final InstantText times = new InstantText();

  private final MerkleTree.Frontier tree = new MerkleTree.Frontier();
  private OutputStream out;
  private int fileIndex;
  private long fileBytes;
  private String prev = NO_PREVIOUS;
  private long uncovered;
  private long lastCheckpointMillis;
  private @Nullable String latestCheckpoint;
  private boolean closed;

  private ChainedAuditLog(Builder b) {
    this.first = b.path;
    this.key = b.key;
    this.publicKey = Ed25519Keys.publicKeyOf(b.key);
    this.origin = b.origin;
    this.checkpointEntries = b.checkpointEntries;
    this.checkpointMillis = b.checkpointInterval.toMillis();
    this.rotateBytes = b.rotateBytes;
    this.clock = b.clock;
    this.traceKey = b.traceKey;
    this.out = open(first);
    this.lastCheckpointMillis = clock.millis();
  }

  /** Starts a log written to {@code path}, which must not exist yet. */
  public static Builder builder(Path path, PrivateKey signingKey) {
    return new Builder(path, signingKey);
  }

  /** Appends one decision; writes a checkpoint when {@code N} entries have none. */
  @Override
  public synchronized void onDecision(DecisionEvent event) {
    if (closed) {
      throw new IllegalStateException("the audit log " + first + " is closed");
    }
    Map<String, Object> line = AuditLogListener.fields(event, times.of(event.epochMillis()));
    line.put("kind", "decision");
    if (event.request().environment().get(traceKey) instanceof String trace) {
      line.put("trace", trace);
    }
    append(line);
    uncovered++;
    if (uncovered >= checkpointEntries) {
      checkpoint();
    }
    if (fileBytes >= rotateBytes) {
      rotate();
    }
  }

  /** Writes a checkpoint when one is due by time, and flushes the lines written so far. */
  @Override
  public synchronized void endOfBatch() {
    if (closed) {
      return;
    }
    if (uncovered > 0 && clock.millis() - lastCheckpointMillis >= checkpointMillis) {
      checkpoint();
    }
    flush();
  }

  /** The last checkpoint written, as its signed note, or null before the first. */
  public synchronized @Nullable String latestCheckpoint() {
    return latestCheckpoint;
  }

  /** How many entries (decisions and checkpoints) the log holds. */
  public synchronized long size() {
    return tree.size();
  }

  /** The file being written now. */
  public synchronized Path currentFile() {
    return file(fileIndex);
  }

  /**
   * Writes the closing checkpoint (after which the log holds nothing more: a line appended later is
   * seen as inserted), flushes and closes the file. Idempotent.
   *
   * @throws UncheckedIOException if the file cannot be written or closed
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      checkpoint(true);
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the audit log " + currentFile(), e);
    } finally {
      closed = true;
    }
  }

  private void checkpoint() {
    checkpoint(false);
  }

  /** Appends a checkpoint of every entry so far, signed. */
  private void checkpoint(boolean closing) {
    String note = Checkpoint.of(origin, tree.size(), tree.root(), closing).sign(key, publicKey);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "checkpoint");
    line.put("checkpoint", note);
    append(line);
    flush();
    latestCheckpoint = note;
    uncovered = 0;
    lastCheckpointMillis = clock.millis();
  }

  /** Chains, hashes and writes one line; the state moves on only once it is written. */
  private void append(Map<String, Object> fields) {
    fields.put("seq", tree.size());
    fields.put("prev", prev);
    byte[] bytes = CanonicalJson.write(fields).getBytes(StandardCharsets.UTF_8);
    try {
      out.write(bytes);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log " + currentFile(), e);
    }
    fileBytes += bytes.length + 1;
    tree.append(MerkleTree.leafHash(bytes));
    prev = HexFormat.of().formatHex(Digests.sha256().digest(bytes));
  }

  /** Ends this file (with a checkpoint, so every file ends signed) and opens the next. */
  private void rotate() {
    if (uncovered > 0) {
      checkpoint();
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the audit log " + currentFile(), e);
    }
    fileIndex++;
    out = open(file(fileIndex));
    fileBytes = 0;
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log " + currentFile(), e);
    }
  }

  /** File {@code i} of the log: the path given, then {@code PATH.000001}, {@code PATH.000002}... */
  private Path file(int i) {
    return i == 0 ? first : first.resolveSibling(first.getFileName() + String.format(".%06d", i));
  }

  private static OutputStream open(Path path) {
    try {
      return new BufferedOutputStream(
          Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the audit log "
              + path
              + (Files.exists(path) ? ": it exists, and a chained log is never appended to" : ""),
          e);
    }
  }

  @Override
  public String toString() {
    return "ChainedAuditLog[" + first + "]";
  }

  /**
   * Configures a {@link ChainedAuditLog}. Defaults: origin {@value #DEFAULT_ORIGIN}, a checkpoint
   * every 1,000 entries or 10 seconds, a new file every 64 MiB, the system clock, trace id key
   * {@code traceId}.
   */
  public static final class Builder {
    /** The default origin (log name and signing key name) of checkpoints. */
    public static final String DEFAULT_ORIGIN = "toolgate-audit";

    private final Path path;
    private final PrivateKey key;
    private String origin = DEFAULT_ORIGIN;
    private long checkpointEntries = 1_000;
    private Duration checkpointInterval = Duration.ofSeconds(10);
    private long rotateBytes = 64L << 20;
    private InstantSource clock = InstantSource.system();
    private String traceKey = "traceId";

    private Builder(Path path, PrivateKey key) {
      this.path = Objects.requireNonNull(path, "path");
      this.key = Objects.requireNonNull(key, "signingKey");
    }

    /**
     * The log's name in its checkpoints (and the name of its signing key).
     *
     * @throws IllegalArgumentException if it is empty or holds spaces, '+' or non-ASCII
     */
    public Builder origin(String value) {
      Checkpoint.of(value, 0, new byte[MerkleTree.HASH_BYTES], false); // validates
      this.origin = value;
      return this;
    }

    /**
     * A checkpoint after every {@code entries} decisions, and at the end of the first batch {@code
     * interval} after the last checkpoint when some decision is not covered yet.
     *
     * @throws IllegalArgumentException if entries is below 1 or the interval not positive
     */
    public Builder checkpointEvery(long entries, Duration interval) {
      if (entries < 1 || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "checkpoints need at least 1 entry and a positive interval, were "
                + entries
                + " and "
                + interval);
      }
      this.checkpointEntries = entries;
      this.checkpointInterval = interval;
      return this;
    }

    /**
     * Starts a new file once the current one holds {@code bytes} or more.
     *
     * @throws IllegalArgumentException if bytes is below 1
     */
    public Builder rotateAfterBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("a file holds at least 1 byte, was " + bytes);
      }
      this.rotateBytes = bytes;
      return this;
    }

    /** The clock time-driven checkpoints follow (the entries carry the engine's time). */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The request environment key whose string value is recorded as the entry's trace id. */
    public Builder traceKey(String value) {
      this.traceKey = Objects.requireNonNull(value, "traceKey");
      return this;
    }

    /**
     * Creates the first file and returns the log.
     *
     * @throws UncheckedIOException if the file exists or cannot be created
     * @throws IllegalArgumentException if the key is not an Ed25519 private key
     */
    public ChainedAuditLog build() {
      return new ChainedAuditLog(this);
    }
  }
}
