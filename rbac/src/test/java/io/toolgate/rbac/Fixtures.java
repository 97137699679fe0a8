package io.toolgate.rbac;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.testing.Engines;
import io.toolgate.testing.Scenarios;

/**
 * Shared helpers: principals, requests, and decisions through {@link Engines}, cached and uncached,
 * which must agree.
 */
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
    return Scenarios.resource(value);
  }

  static Request request(String principal, String tool, String resource) {
    return request(DelegationChain.of(principal), tool, resource, Session.DEFAULT);
  }

  static Request request(String principal, String tool, String resource, Session session) {
    return request(DelegationChain.of(principal), tool, resource, session);
  }

  static Request request(DelegationChain chain, String tool, String resource, Session session) {
    return Request.builder(chain, ToolId.parse(tool))
        .resource(resource(resource))
        .session(session)
        .build();
  }

  /**
   * Decides with fresh engines: a caching one twice (a miss, then a hit) and an uncached one, which
   * must agree.
   */
  static Decision decide(Policy policy, Request request) {
    return Engines.of(policy).decide(request);
  }

  static Decision decide(Policy policy, String principal, String tool, String resource) {
    return decide(policy, request(principal, tool, resource));
  }

  static Decision decide(
      Policy policy, String principal, String tool, String resource, Session session) {
    return decide(policy, request(principal, tool, resource, session));
  }
}
