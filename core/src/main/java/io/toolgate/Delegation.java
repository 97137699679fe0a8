package io.toolgate;

import io.toolgate.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One hop of a {@link DelegationChain}: the principal that receives the delegation, the {@link
 * DelegationScope} it receives, and an optional id under which the delegation can be revoked
 * ({@link DecisionEngine#revokeDelegation(String)}). Immutable.
 */
public final class Delegation {
  private final String delegate;
  private final DelegationScope scope;
  private final String id;
  private final int hash;

  private Delegation(String delegate, DelegationScope scope, String id) {
    this.delegate = Checks.identifier(delegate, "delegate principal id");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.id = id == null ? null : Checks.identifier(id, "delegation id");
    this.hash = (delegate.hashCode() * 31 + scope.hashCode()) * 31 + Objects.hashCode(id);
  }

  /** An unrestricted delegation to {@code principalId}, without an id. */
  public static Delegation to(String principalId) {
    return new Delegation(principalId, DelegationScope.UNRESTRICTED, null);
  }

  /** A copy with the given scope. */
  public Delegation withScope(DelegationScope newScope) {
    return new Delegation(delegate, newScope, id);
  }

  /** A copy carrying the id under which it can be revoked. */
  public Delegation withId(String delegationId) {
    return new Delegation(delegate, scope, Objects.requireNonNull(delegationId, "delegationId"));
  }

  /** The principal receiving the delegation. */
  public String delegate() {
    return delegate;
  }

  /** What is passed on. */
  public DelegationScope scope() {
    return scope;
  }

  /** The revocable id, if one was given. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** The revocable id, or null: {@link #id()} without the Optional, for hot paths. */
  public @Nullable String revocationId() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Delegation d
            && hash == d.hash
            && delegate.equals(d.delegate)
            && scope.equals(d.scope)
            && Objects.equals(id, d.id));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    String s = delegate;
    if (id != null) {
      s += "#" + id;
    }
    return scope.isUnrestricted() ? s : s + " " + scope;
  }
}
