package io.toolgate.internal.engine;

import io.toolgate.DelegationChain;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;

/**
 * What a residual depends on: who calls, the tool, the resource and the session. The subject is the
 * principal id for a direct call and the {@link DelegationChain} otherwise, so a direct call needs
 * no chain object and a one-principal chain shares its entries. Every part has a precomputed or
 * cached hash, so hashing a key costs a few multiplications.
 */
final class CacheKey {
  private final Object subject;
  private final ToolId tool;
  private final ResourceId resource;
  private final Session session;
  private final int hash;

  /** The subject part of a key: the principal id for a direct chain, else the chain. */
  static Object subject(DelegationChain chain) {
    return chain.isDirect() ? chain.origin() : chain;
  }

  /**
   * A key; {@code subject} is a principal id or a chain of more than one principal, {@code hash} is
   * {@link #hash}. The constructor only stores fields, so it stays small enough to inline wherever
   * a key is made, and escape analysis can then drop lookup keys (a constructor the JIT compiles on
   * its own, because it hashes, makes every key escape).
   */
  CacheKey(Object subject, ToolId tool, ResourceId resource, Session session, int hash) {
    this.subject = subject;
    this.tool = tool;
    this.resource = resource;
    this.session = session;
    this.hash = hash;
  }

  static int hash(Object subject, ToolId tool, ResourceId resource, Session session) {
    return ((subject.hashCode() * 31 + tool.hashCode()) * 31 + resource.hashCode()) * 31
        + session.hashCode();
  }

  Object subject() {
    return subject;
  }

  DelegationChain chain() {
    return subject instanceof DelegationChain c ? c : DelegationChain.of((String) subject);
  }

  ToolId tool() {
    return tool;
  }

  ResourceId resource() {
    return resource;
  }

  Session session() {
    return session;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof CacheKey k
            && hash == k.hash
            && tool.equals(k.tool)
            && resource.equals(k.resource)
            && subject.equals(k.subject)
            && (session == k.session || session.equals(k.session)));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return subject + " " + tool + " " + resource + " " + session;
  }
}
