package io.toolgate.analysis;

/** The kinds of {@link Finding}. */
public enum FindingKind {
  /**
   * An allow whose tool pattern has a wildcard and reaches tools that are destructive (HIGH) or
   * open-world or unannotated (MEDIUM).
   */
  WILDCARD_DANGEROUS_TOOL,
  /**
   * A principal with an owner can reach, on its own, a (tool, resource) its owner cannot: legal,
   * since a chain through the owner would still be denied, but worth a look (LOW; MEDIUM for a
   * destructive tool).
   */
  EXCEEDS_OWNER,
  /** An agent without an owner: nobody answers for it (MEDIUM). */
  NO_OWNER,
  /** An agent or service without an expiry: its grants never lapse (LOW). */
  NO_EXPIRY,
  /** A role nobody holds (LOW). */
  UNUSED_ROLE,
  /** An allow no allowed request of a decision log used (LOW). */
  UNUSED_GRANT,
  /**
   * An allow fully covered by an unconditional deny of the same principal, so it never allows
   * (LOW).
   */
  SHADOWED_GRANT,
  /**
   * Principal ids (or delegation ids of the analyzed chains) that differ only in case or Unicode
   * normalization: different to the engine, one to a reader (HIGH when equal after NFC, so they
   * render identically; MEDIUM when they differ in case).
   */
  LOOKALIKE_IDS
}
