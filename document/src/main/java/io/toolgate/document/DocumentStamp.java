package io.toolgate.document;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The anti-rollback stamp of a policy document: its top-level {@code sequence} (a non-negative
 * integer the publisher raises with every release) and {@code expires} (an ISO-8601 instant after
 * which the document is refused). Both are optional in a document and, being part of its content,
 * covered by its signature and its version digest. {@link PolicyWriter#write(io.toolgate.Policy,
 * DocumentFormat, DocumentStamp)} writes them; a {@link RollbackGuard} checks them.
 */
public final class DocumentStamp {
  /** No sequence and no expiry. */
  public static final DocumentStamp NONE = new DocumentStamp(-1, null);

  private final long sequence; // -1: none
  private final Instant expires; // null: never

  private DocumentStamp(long sequence, Instant expires) {
    this.sequence = sequence;
    this.expires = expires;
  }

  /**
   * A stamp with this sequence number and no expiry.
   *
   * @throws IllegalArgumentException if the sequence is negative
   */
  public static DocumentStamp sequence(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException(
          "a document sequence must not be negative, was " + sequence);
    }
    return new DocumentStamp(sequence, null);
  }

  /** This stamp, expiring at {@code instant}. */
  public DocumentStamp expiring(Instant instant) {
    return new DocumentStamp(sequence, Objects.requireNonNull(instant, "instant"));
  }

  /** The document's sequence number, if it has one. */
  public OptionalLong sequence() {
    return sequence < 0 ? OptionalLong.empty() : OptionalLong.of(sequence);
  }

  /** When the document expires, if it does. */
  public Optional<Instant> expires() {
    return Optional.ofNullable(expires);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DocumentStamp s
        && s.sequence == sequence
        && Objects.equals(s.expires, expires);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + Objects.hashCode(expires);
  }

  @Override
  public String toString() {
    return "DocumentStamp[sequence="
        + (sequence < 0 ? "none" : sequence)
        + ", expires="
        + (expires == null ? "never" : expires)
        + "]";
  }
}
