package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;

/** Shared helpers: decide through the public engine, cached and uncached, and insist they agree. */
final class Fixtures {
  private Fixtures() {}

  static final Principal ALICE = Principal.user("alice").build();
  static final Principal BOB = Principal.user("bob").build();
  static final Principal CAROL = Principal.user("carol").build();
  static final Principal BOT = Principal.agent("bot").owner("alice").build();

  static Policy policy(RbacPolicy rbac, Principal... principals) {
    return Policy.builder().principals(principals).module(rbac).build();
  }

  static ResourceId resource(String value) {
    return value.isEmpty() ? ResourceId.NONE : ResourceId.of(value);
  }

  static Request request(String principal, String tool, String resource) {
    return request(DelegationChain.of(principal), tool, resource, Session.DEFAULT);
  }

  static Request request(String principal, String tool, String resource, Session session) {
    return request(DelegationChain.of(principal), tool, resource, session);
  }

  static Request request(DelegationChain chain, String tool, String resource, Session session) {
    return Request.builder(chain, ToolId.parse(tool)).resource(resource(resource)).session(session)
        .build();
  }

  /**
   * Decides with an uncached engine, then twice with a caching one (a miss, then a hit), and
   * checks all three decisions are equal.
   */
  static Decision decide(Policy policy, Request request) {
    Decision uncached = DecisionEngine.builder(policy).cacheSize(0).build().decide(request);
    DecisionEngine cached = DecisionEngine.builder(policy).build();
    Decision miss = cached.decide(request);
    Decision hit = cached.decide(request);
    assertThat(miss).as("cache miss of %s", request).isEqualTo(uncached);
    assertThat(hit).as("cache hit of %s", request).isEqualTo(uncached);
    return uncached;
  }

  static Decision decide(Policy policy, String principal, String tool, String resource) {
    return decide(policy, request(principal, tool, resource));
  }

  static Decision decide(Policy policy, String principal, String tool, String resource, Session session) {
    return decide(policy, request(principal, tool, resource, session));
  }
}
