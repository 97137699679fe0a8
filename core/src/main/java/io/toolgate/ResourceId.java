package io.toolgate;

import io.toolgate.internal.ResourceCanonicalizer;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool acts on, as a URI-like string ({@code repo:acme/api}, {@code
 * file:///srv/data/report.csv}, {@code https://api.example.com/v1/orders}), always in its one
 * canonical form: dot segments removed, unreserved percent-encodings decoded, the scheme in lower
 * case (see docs/architecture.md, "Canonical resources"). Patterns are canonicalised the same way,
 * so an id matches a pattern however it was spelled, and a tool body given the id cannot leave what
 * was decided by decoding it again. Calls that act on nothing in particular use {@link #NONE}.
 *
 * <p>An id that cannot be made canonical (an encoded separator, double encoding, a {@code ..} above
 * the root, a control character...) is still a value, marked invalid: every decision on it is a
 * denial with reason {@link Reason#RESOURCE_INVALID}, never an exception. Immutable.
 */
public final class ResourceId {
  /** The single well-known resource of calls that name none. Its value is the empty string. */
  public static final ResourceId NONE = new ResourceId("", null);

  private static final int MAX_LENGTH = 4096;

  private final String value;

  /** Why the id is invalid, or null when it is canonical. */
  private final String problem;

  /** The value's hash, kept here so a cache lookup does not read the string. */
  private final int hash;

  private ResourceId(String value, String problem) {
    this.value = value;
    this.problem = problem;
    this.hash = value.hashCode();
  }

  /**
   * Returns the resource named {@code value}, in canonical form; an id that cannot be made
   * canonical is returned marked invalid ({@link #isValid()}), and every decision denies it.
   *
   * @throws IllegalArgumentException if the value is empty (use {@link #NONE})
   */
  public static ResourceId of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "an empty resource id: use ResourceId.NONE for 'no resource'");
    }
    if (value.length() > MAX_LENGTH) {
      return new ResourceId(value, "longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return new ResourceId(value, "a control character at offset " + i);
      }
    }
    try {
      return new ResourceId(ResourceCanonicalizer.canonical(value, false), null);
    } catch (IllegalArgumentException e) {
      return new ResourceId(value, e.getMessage());
    }
  }

  /** The canonical value; for an invalid id, the text as given, which must not be acted on. */
  public String value() {
    return value;
  }

  /** Whether this is {@link #NONE}. */
  public boolean isNone() {
    return value.isEmpty();
  }

  /** Whether the id is canonical; an invalid one is denied by every decision. */
  public boolean isValid() {
    return problem == null;
  }

  /** Why the id could not be made canonical; empty when it is valid. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof ResourceId r
            && value.equals(r.value)
            && Objects.equals(problem, r.problem));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * Returns the value, or {@code (none)} for {@link #NONE}; an invalid id is quoted with its
   * problem.
   */
  @Override
  public String toString() {
    if (problem != null) {
      return "invalid resource id '" + value.replaceAll("\\p{Cntrl}", "?") + "' (" + problem + ")";
    }
    return value.isEmpty() ? "(none)" : value;
  }
}
