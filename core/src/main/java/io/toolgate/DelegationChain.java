package io.toolgate;

import io.toolgate.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * Who a tool call acts for: the originating principal (usually a user) and each hop to an agent or
 * service, outermost first. {@code alice -> triage-bot -> summarizer} is {@code
 * DelegationChain.of("alice").then("triage-bot").then("summarizer")}; the last principal is the one
 * making the call.
 *
 * <p>A call through a chain is allowed only if every principal in it is active and allowed the call
 * on its own, and the call lies inside every hop's {@link DelegationScope}: nothing a delegate does
 * can widen what it was given.
 *
 * <p>Immutable; {@link #then} returns a new chain. Hash and equality are precomputed and cheap,
 * because chains are cache keys. A chain may name a principal twice or be longer than the policy
 * allows: such chains are built without complaint and denied when decided, with the reason.
 */
public final class DelegationChain {
  private final String origin;
  private final List<Delegation> hops;
  private final List<String> principals;
  private final int hash;

  /** Kept flat: the engine asks on every call, and reading the hop list costs a memory access. */
  private final boolean direct;

  private DelegationChain(String origin, List<Delegation> hops) {
    this.origin = origin;
    this.hops = hops;
    this.direct = hops.isEmpty();
    if (hops.isEmpty()) {
      this.principals = List.of(origin);
    } else {
      String[] ids = new String[hops.size() + 1];
      ids[0] = origin;
      for (int i = 0; i < hops.size(); i++) {
        ids[i + 1] = hops.get(i).delegate();
      }
      this.principals = List.of(ids);
    }
    this.hash = origin.hashCode() * 31 + hops.hashCode();
  }

  /** A chain of one principal acting for itself. */
  public static DelegationChain of(String principalId) {
    return new DelegationChain(Checks.identifier(principalId, "principal id"), List.of());
  }

  /**
   * The chain of an agent acting on behalf of a user for one request: {@code user -> agent}. A
   * privileged agent serving many users builds one such chain per request, so it never uses one
   * user's rights for another.
   */
  public static DelegationChain onBehalfOf(String userId, String agentId) {
    return of(userId).then(agentId);
  }

  /** Extends the chain by an unrestricted hop to {@code principalId}. */
  public DelegationChain then(String principalId) {
    return then(Delegation.to(principalId));
  }

  /** Extends the chain by a hop to {@code principalId} narrowed to {@code scope}. */
  public DelegationChain then(String principalId, DelegationScope scope) {
    return then(Delegation.to(principalId).withScope(scope));
  }

  /** Extends the chain by one hop. */
  public DelegationChain then(Delegation hop) {
    Delegation[] extended = hops.toArray(new Delegation[hops.size() + 1]);
    extended[hops.size()] = Objects.requireNonNull(hop, "hop");
    return new DelegationChain(origin, List.of(extended));
  }

  /** The principal the chain starts from. */
  public String origin() {
    return origin;
  }

  /** The principal making the call: the last one in the chain. */
  public String actor() {
    return principals.get(principals.size() - 1);
  }

  /** The hops after the origin, outermost first; empty for a direct call. */
  public List<Delegation> hops() {
    return hops;
  }

  /** Every principal id in order, origin first. */
  public List<String> principals() {
    return principals;
  }

  /** How many principals the chain holds (1 for a direct call). */
  public int size() {
    return principals.size();
  }

  /** How many delegation hops the chain holds (0 for a direct call). */
  public int depth() {
    return hops.size();
  }

  /** Whether this is a principal acting for itself, with no hop. */
  public boolean isDirect() {
    return direct;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof DelegationChain c
            && hash == c.hash
            && origin.equals(c.origin)
            && hops.equals(c.hops));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Returns the chain written {@code alice -> bot -> helper}, with scopes and ids. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(origin);
    hops.forEach(h -> s.append(" -> ").append(h));
    return s.toString();
  }
}
