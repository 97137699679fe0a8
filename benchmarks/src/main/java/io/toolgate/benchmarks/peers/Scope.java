package io.toolgate.benchmarks.peers;

import java.util.List;

/**
 * What one hop of a delegation chain passes on to its delegate: calls whose tool matches one of
 * {@code tools} and whose resource matches one of {@code resources}.
 *
 * @param delegate the principal receiving the delegation
 * @param tools the tools it may use
 * @param resources the resources it may use them on
 */
record Scope(String delegate, List<Match> tools, List<Match> resources) {
  Scope {
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
  }

  boolean covers(String tool, String resource) {
    return tools.stream().anyMatch(m -> m.matches(tool))
        && resources.stream().anyMatch(m -> m.matches(resource));
  }
}
