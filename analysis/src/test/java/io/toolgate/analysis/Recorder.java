package io.toolgate.analysis;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.audit.AuditLogListener;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** Records the audit log an engine writes, through the real {@link AuditLogListener} rendering. */
final class Recorder {
  private final List<String> lines = new ArrayList<>();
  private final DecisionEngine engine;

  Recorder(Policy policy, InstantSource clock) {
    AuditLogListener audit = new AuditLogListener();
    this.engine =
        DecisionEngine.builder(policy)
            .clock(clock)
            .listener(e -> lines.add(audit.toJson(e)))
            .build();
  }

  boolean decide(Request request) {
    return engine.decide(request).isAllowed();
  }

  String jsonLines() {
    return String.join("\n", lines) + "\n";
  }

  DecisionLog log() {
    return DecisionLog.parse("audit.jsonl", jsonLines());
  }
}
