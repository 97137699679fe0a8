package io.toolgate.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * A token's chain never allows more than the same chain built in code: for random subjects, nested
 * actors (known and unknown to the policy) and scopes, the verified token maps to exactly the chain
 * built with {@link DelegationChain#then}, and every call the token allows (its chain's decision,
 * and for a token without actors its own scope) the code chain allows too.
 */
@StatisticsReport(onFailureOnly = true)
class TokenChainPropertiesTest {
  static final TestIssuer ISSUER = new TestIssuer("p");
  static final AccessTokenVerifier VERIFIER = ISSUER.verifier();
  static final List<String> PATTERNS =
      List.of("notes/*", "notes/read", "notes/list", "notes/delete", "other/*", "*/list");
  static final List<ToolId> TOOLS =
      List.of("notes/read", "notes/list", "notes/delete", "notes/write", "other/list").stream()
          .map(ToolId::parse)
          .toList();
  static final DecisionEngine ENGINE =
      DecisionEngine.builder(
              Policy.builder()
                  .principal(Principal.user("alice").build())
                  .principal(Principal.user("bob").build())
                  .principal(Principal.agent("assistant").build())
                  .principal(Principal.agent("helper").build())
                  .principal(Principal.agent("summarizer").build())
                  .allow("alice", "notes/*", "other/*")
                  .allow("bob", "notes/read", "notes/list")
                  .allow("assistant", "notes/*", "other/list")
                  .allow("helper", "notes/read", "notes/list", "other/*")
                  .allow("summarizer", "*/list")
                  .build())
          .build();

  /** One hop: the actor and its scope (null: none given). */
  record Hop(String actor, List<String> scope) {}

  @Provide
  Arbitrary<List<String>> scopes() {
    Arbitrary<List<String>> some =
        Arbitraries.of(PATTERNS).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    return Arbitraries.oneOf(Arbitraries.just(null), some);
  }

  @Provide
  Arbitrary<List<Hop>> hops() {
    Arbitrary<String> actor = Arbitraries.of("assistant", "helper", "summarizer", "mallory");
    return Combinators.combine(actor, scopes()).as(Hop::new).list().ofMaxSize(3);
  }

  @Property(tries = 300)
  void tokenChain_isTheCodeChain_andNeverAllowsMore(
      @ForAll("hops") List<Hop> hops,
      @ForAll("scopes") List<String> directScope,
      @ForAll("subjects") String sub) {
    // The code chain: sub, then each actor with its scope, the current actor last.
    DelegationChain code = DelegationChain.of(sub);
    for (Hop h : hops) {
      code = code.then(h.actor(), scope(h.scope()));
    }
    // The token: the current (last) actor outermost, the top-level scope its hop's scope.
    JWTClaimsSet.Builder claims = TestIssuer.claims(sub);
    Map<String, Object> act = null;
    for (int i = 0; i < hops.size(); i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sub", hops.get(i).actor());
      if (i < hops.size() - 1 && hops.get(i).scope() != null) {
        m.put("scope", String.join(" ", hops.get(i).scope()));
      }
      if (act != null) {
        m.put("act", act);
      }
      act = m;
    }
    List<String> topScope = hops.isEmpty() ? directScope : hops.get(hops.size() - 1).scope();
    if (act != null) {
      claims.claim("act", act);
    }
    if (topScope != null) {
      claims.claim("scope", String.join(" ", topScope));
    }
    TokenOutcome outcome = VERIFIER.verify(ISSUER.es256(claims.build()));

    assertThat(outcome).isInstanceOf(TokenOutcome.Verified.class);
    TokenOutcome.Verified verified = (TokenOutcome.Verified) outcome;
    assertThat(verified.chain()).isEqualTo(code);
    List<String> allowedByToken = new ArrayList<>();
    for (ToolId tool : TOOLS) {
      boolean byToken =
          ENGINE.decide(Request.of(verified.chain(), tool, ResourceId.NONE)).isAllowed()
              && (verified.scope().tools().isEmpty()
                  || verified.scope().tools().stream().anyMatch(p -> p.matches(tool)));
      boolean byCode = ENGINE.decide(Request.of(code, tool, ResourceId.NONE)).isAllowed();
      if (byToken) {
        allowedByToken.add(tool.toString());
      }
      assertThat(!byToken || byCode).as("%s allowed by the token, not by %s", tool, code).isTrue();
    }
    Statistics.label("depth").collect(hops.size());
    Statistics.label("token allows").collect(allowedByToken.isEmpty() ? "nothing" : "something");
    Statistics.label("unknown actor")
        .collect(hops.stream().anyMatch(h -> h.actor().equals("mallory")));
    Statistics.label("depth").coverage(c -> c.check(0).percentage(p -> p > 10));
    Statistics.label("depth").coverage(c -> c.check(3).percentage(p -> p > 10));
    Statistics.label("token allows").coverage(c -> c.check("something").percentage(p -> p > 10));
    Statistics.label("token allows").coverage(c -> c.check("nothing").percentage(p -> p > 10));
    Statistics.label("unknown actor").coverage(c -> c.check(true).percentage(p -> p > 10));
  }

  @Provide
  Arbitrary<String> subjects() {
    return Arbitraries.of("alice", "bob", "mallory");
  }

  private static DelegationScope scope(List<String> patterns) {
    return patterns == null
        ? DelegationScope.UNRESTRICTED
        : DelegationScope.tools(patterns.toArray(String[]::new));
  }
}
