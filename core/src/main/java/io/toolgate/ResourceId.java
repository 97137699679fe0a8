package io.toolgate;

import java.util.Objects;

/**
 * What a tool acts on, as a URI-like string ({@code repo:acme/api},
 * {@code file:///srv/data/report.csv}, {@code https://api.example.com/v1/orders}). Calls that act
 * on nothing in particular use {@link #NONE}.
 *
 * @param value the resource string; empty only for {@link #NONE}
 */
public record ResourceId(String value) {
  /** The single well-known resource of calls that name none. Its value is the empty string. */
  public static final ResourceId NONE = new ResourceId("");

  /** Validates: no control characters, at most 4,096 characters. */
  public ResourceId {
    Objects.requireNonNull(value, "value");
    if (value.length() > 4096) {
      throw new IllegalArgumentException("resource id longer than 4096 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(
            "resource id has a control character at offset " + i + ": " + value);
      }
    }
  }

  /**
   * Returns the resource named {@code value}.
   *
   * @throws IllegalArgumentException if the value is empty (use {@link #NONE}) or malformed
   */
  public static ResourceId of(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("an empty resource id: use ResourceId.NONE for 'no resource'");
    }
    return new ResourceId(value);
  }

  /** Whether this is {@link #NONE}. */
  public boolean isNone() {
    return value.isEmpty();
  }

  /** Returns the value, or {@code (none)} for {@link #NONE}. */
  @Override
  public String toString() {
    return value.isEmpty() ? "(none)" : value;
  }
}
