package io.toolgate;

import io.toolgate.internal.Checks;
import io.toolgate.internal.Frozen;
import io.toolgate.internal.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A user, agent or service, as the policy defines it. Immutable and thread-safe.
 *
 * <p>A principal is allowed something only while it is {@link LifecycleState#ACTIVE}, before its
 * expiry (an expiry instant is itself already expired), and while its owner, if it has one, is
 * active too: suspending a user stops every agent it owns.
 */
public final class Principal {
  private final String id;
  private final PrincipalType type;
  private final String owner;
  private final Map<String, Object> attributes;
  private final Instant expiry;
  private final LifecycleState state;

  private Principal(Builder b) {
    this.id = b.id;
    this.type = b.type;
    this.owner = b.owner;
    this.attributes = Frozen.map(b.attributes);
    this.expiry = b.expiry;
    this.state = b.state;
  }

  /** Starts a user principal. */
  public static Builder user(String id) {
    return new Builder(id, PrincipalType.USER);
  }

  /** Starts an agent principal. */
  public static Builder agent(String id) {
    return new Builder(id, PrincipalType.AGENT);
  }

  /** Starts a service principal. */
  public static Builder service(String id) {
    return new Builder(id, PrincipalType.SERVICE);
  }

  /** Starts a principal of the given type. */
  public static Builder builder(String id, PrincipalType type) {
    return new Builder(id, type);
  }

  /** The stable identifier requests use. */
  public String id() {
    return id;
  }

  /** Whether this is a user, an agent or a service. */
  public PrincipalType type() {
    return type;
  }

  /** The id of the principal this one acts for, if any. */
  public Optional<String> owner() {
    return Optional.ofNullable(owner);
  }

  /** The owner's id, or null: {@link #owner()} without the Optional, for hot paths. */
  public @Nullable String ownerId() {
    return owner;
  }

  /** Free attributes (JSON-like values), in insertion order. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The instant from which this principal is denied everything, if any. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiry);
  }

  /** The lifecycle state the policy gives this principal. */
  public LifecycleState state() {
    return state;
  }

  /** Returns a builder holding this principal's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id, type);
    b.owner = owner;
    b.attributes.putAll(attributes);
    b.expiry = expiry;
    b.state = state;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Principal p
        && id.equals(p.id)
        && type == p.type
        && Objects.equals(owner, p.owner)
        && attributes.equals(p.attributes)
        && Objects.equals(expiry, p.expiry)
        && state == p.state;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, owner, attributes, expiry, state);
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder(type.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(id);
    if (owner != null) {
      s.append(" owner=").append(owner);
    }
    if (state != LifecycleState.ACTIVE) {
      s.append(" state=").append(state);
    }
    if (expiry != null) {
      s.append(" expires=").append(expiry);
    }
    if (!attributes.isEmpty()) {
      s.append(' ').append(attributes);
    }
    return s.toString();
  }

  /** Builds a {@link Principal}. {@link #build()} leaves the builder unchanged. */
  public static final class Builder {
    private final String id;
    private final PrincipalType type;
    private String owner;
    private final Map<String, Object> attributes = new java.util.LinkedHashMap<>();
    private Instant expiry;
    private LifecycleState state = LifecycleState.ACTIVE;

    private Builder(String id, PrincipalType type) {
      this.id = Checks.identifier(id, "principal id");
      this.type = Objects.requireNonNull(type, "type");
    }

    /** Sets the id of the principal this one acts for. */
    public Builder owner(String ownerId) {
      Checks.identifier(ownerId, "owner id");
      if (ownerId.equals(id)) {
        throw new IllegalArgumentException("principal '" + id + "' cannot own itself");
      }
      this.owner = ownerId;
      return this;
    }

    /** Adds every attribute of {@code values} (JSON-like values), replacing same-named ones. */
    public Builder attributes(Map<String, ?> values) {
      attributes.putAll(JsonValues.freezeMap(values, "attributes of '" + id + "'"));
      return this;
    }

    /** Adds one attribute (a JSON-like value), replacing a same-named one. */
    public Builder attribute(String name, Object value) {
      Checks.identifier(name, "attribute name");
      attributes.put(name, JsonValues.freeze(value, "attribute '" + name + "' of '" + id + "'"));
      return this;
    }

    /** Sets the instant from which the principal is denied everything. */
    public Builder expires(Instant instant) {
      this.expiry = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /** Sets the lifecycle state (default {@link LifecycleState#ACTIVE}). */
    public Builder state(LifecycleState value) {
      this.state = Objects.requireNonNull(value, "state");
      return this;
    }

    /** Builds the principal. */
    public Principal build() {
      return new Principal(this);
    }
  }
}
