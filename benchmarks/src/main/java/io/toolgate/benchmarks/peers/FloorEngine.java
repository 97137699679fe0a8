package io.toolgate.benchmarks.peers;

import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor: every answer precomputed into a {@link ConcurrentHashMap} under a key of three
 * references (subject, tool, resource), like a cache key, built ahead of time. No engine can answer
 * faster than a lookup; the map also holds 10,000 other keys so it is not trivially small.
 */
final class FloorEngine implements PeerEngine {
  private final ConcurrentHashMap<Key, Boolean> answers = new ConcurrentHashMap<>();
  private final Map<Check, Key> keys = new HashMap<>();

  /** The precomputed key; a call's amount, if any, is part of its subject. */
  record Key(String subject, ToolId tool, ResourceId resource) {}

  FloorEngine(Scenario scenario) {
    ToolId filler = ToolId.of("floor", "filler");
    for (int i = 0; i < 10_000; i++) {
      answers.put(new Key("filler" + i, filler, ResourceId.of("repo:filler/" + i)), Boolean.FALSE);
    }
    for (Check c : scenario.checks()) {
      Key key = key(c);
      keys.put(c, key);
      answers.put(key, c.expected());
    }
  }

  private static Key key(Check c) {
    String subject =
        Scenario.subject(c.chain()) + (c.amount() == Check.NO_AMOUNT ? "" : "#" + c.amount());
    return new Key(subject, ToolId.parse(c.tool()), ResourceId.of(c.resource()));
  }

  @Override
  public String name() {
    return "ConcurrentHashMap.get";
  }

  /**
   * The very key the answer is stored under, as a cache hit in Toolgate finds the key its first
   * miss stored from the same request objects: equality checks then succeed on identity.
   */
  @Override
  public Object prepare(Check check) {
    Key key = keys.get(check);
    return key != null ? key : key(check);
  }

  @Override
  public boolean decide(Object prepared) {
    return answers.get(prepared) == Boolean.TRUE;
  }
}
