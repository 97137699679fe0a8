package io.toolgate;

/**
 * A residual with the parts of the key it was built for, laid out flat for the hot path: the
 * value the Caffeine cache stores and what the {@link HotResiduals} table holds (so promoting a
 * Caffeine hit allocates nothing), with the constant decision pulled up front so a hit on the
 * common, constant case reads no further. Immutable; fields are final for safe publication
 * through the table's plain array.
 *
 * <p>The residual is built as if no kill switch were thrown; {@link #deps} are the switches of the
 * principals (with their owners), the tool and the delegation ids it depends on, which a hit reads
 * before using it.
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
  /** The kill switches this residual depends on; when one is on, the decision is recomputed. */
  final Switch[] deps;

  CachedResidual(CacheKey key, Residual residual, Switch[] deps) {
    this.subject = key.subject();
    this.tool = key.tool();
    this.resource = key.resource();
    this.session = key.session();
    this.hash = key.hashCode();
    this.residual = residual;
    this.constant = residual.constantOrNull();
    this.deps = deps;
  }

  /** Whether a kill switch this residual depends on is on: reads only, writes nothing. */
  boolean switched() {
    for (Switch s : deps) {
      if (s.state != 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether this entry was built for these parts. */
  boolean matches(Object subject, ToolId tool, ResourceId resource, Session session, int hash) {
    return this.hash == hash && (this.tool == tool || this.tool.equals(tool))
        && (this.resource == resource || this.resource.value().equals(resource.value()))
        && (this.subject == subject || this.subject.equals(subject))
        && (this.session == session || this.session.equals(session));
  }
}
