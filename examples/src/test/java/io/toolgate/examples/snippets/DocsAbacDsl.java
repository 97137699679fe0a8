package io.toolgate.examples.snippets;

import static io.toolgate.abac.Conditions.*;

import io.toolgate.abac.Rule;

/** docs/abac.md's Java DSL example, as shown there; {@link DocsSnippetsAssertTest} asserts its comments. */
final class DocsAbacDsl {
  private DocsAbacDsl() {}

  static java.util.List<Rule> run() {
    // snippet:abac-dsl begin
    Rule smallTransfers = Rule.allow("small-transfers").tools("payments/transfer")
        .when(arg("amount").lessOrEqual(1000).and(principalAttr("team").eq("finance")))
        .build();
    // its condition().text(): (args.amount <= 1000) && (principal.attributes.team == "finance")

    Rule euOnly = Rule.deny("eu-only").tools("payments/*")
        .when(not(arg("payee").field("country").in("DE", "FR", "NL"))
            .or(env("region").ne("eu")))
        .build();

    Rule owners = Rule.allow("owners").tools("files/*")
        .when(resourceAttr("owner").eq(principalId()).and(arg("path").startsWith("/srv/")))
        .build();
    // snippet:abac-dsl end
    return java.util.List.of(smallTransfers, euOnly, owners);
  }
}
