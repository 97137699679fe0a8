package io.toolgate.examples.snippets;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.document.PolicyLoader;
import java.nio.file.Path;

/** README "Policy documents", as shown there; {@link ReadmeSnippetsTest} asserts its comments. */
final class ReadmeLoader {
  private ReadmeLoader() {}

  static DecisionEngine run() {
    // snippet:loader begin
    PolicyLoader loader = PolicyLoader.defaults();
    Policy policy = loader.load(Path.of("src/test/resources/policy.yaml")); // DocumentException lists every problem, located
    DecisionEngine engine = DecisionEngine.builder(policy).build();
    // snippet:loader end
    return engine;
  }
}
