/**
 * Toolgate analysis: least-privilege tooling over policies and audit logs: effective permissions,
 * findings, assertions for test suites, policy diffs with witnesses, and tightening.
 */
module io.toolgate.analysis {
  requires transitive io.toolgate.core;
  requires transitive io.toolgate.document;
  requires tools.jackson.databind;

  exports io.toolgate.analysis;
}
