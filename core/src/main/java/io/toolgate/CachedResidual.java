package io.toolgate;

/**
 * A residual with the parts of the key it was built for, laid out flat for the hot path: the
 * value the Caffeine cache stores and what the {@link HotResiduals} table holds (so promoting a
 * Caffeine hit allocates nothing), with the constant decision pulled up front so a hit on the
 * common, constant case reads no further. Immutable; fields are final for safe publication
 * through the table's plain array.
 */
final class CachedResidual {
  final Object subject;
  final ToolId tool;
  final ResourceId resource;
  final Session session;
  final int hash;
  final Residual residual;
  /** The decision when the residual is the same at every instant and for every argument, else null. */
  final Decision constant;

  CachedResidual(CacheKey key, Residual residual) {
    this.subject = key.subject();
    this.tool = key.tool();
    this.resource = key.resource();
    this.session = key.session();
    this.hash = key.hashCode();
    this.residual = residual;
    this.constant = residual.constantOrNull();
  }

  /** Whether this entry was built for these parts. */
  boolean matches(Object subject, ToolId tool, ResourceId resource, Session session, int hash) {
    return this.hash == hash && (this.tool == tool || this.tool.equals(tool))
        && (this.resource == resource || this.resource.value().equals(resource.value()))
        && (this.subject == subject || this.subject.equals(subject))
        && (this.session == session || this.session.equals(session));
  }
}
