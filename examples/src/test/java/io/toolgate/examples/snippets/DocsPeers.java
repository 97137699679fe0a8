package io.toolgate.examples.snippets;

import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.rbac.RbacPolicy;
import io.toolgate.rbac.Role;
import java.util.List;

/** docs/peers.md's sketch of the benchmark policies, as shown there, compiled and built. */
final class DocsPeers {
  private DocsPeers() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(Policy policy, DelegationChain chain) {}

  static Result run() {
    // snippet:peers-toolgate begin
    Policy policy = Policy.builder()
        .principal(Principal.user("agent0").build())
        .principal(Principal.user("agent4").build())
        .principal(Principal.user("u4").build())
        .allow("agent0", List.of("srv0/tool_0"), List.of("repo:org0/**"))
        .allow("agent4", List.of("srv4/*"), List.of("repo:org4/**"))
        .module(RbacPolicy.builder()                                      // rbacSmall / rbacLarge
            .role(Role.builder("r2").build())
            .role(Role.builder("r3").build())
            .role(Role.builder("r4").inherits("r2", "r3")
                .allow(List.of("srv4/op_0"), List.of("repo:acme/team4/**"))
                .allow(List.of("srv4/list_*"), List.of("repo:acme/team4/**"))
                .deny(List.of("srv4/op_0"), List.of("repo:acme/team4/secret/**"))
                .build())
            .assign("u4", "r4")
            .build())
        .build();

    DelegationChain chain = DelegationChain.of("alice")                   // delegation
        .then("assistant", DelegationScope.builder().tools("srv1/*", "srv2/*").resources("repo:acme/**").build())
        .then("helper", DelegationScope.builder().tools("srv1/get_*", "srv1/drop*", "srv2/list_*")
            .resources("repo:acme/web/**", "repo:acme/secret/**").build());
    // snippet:peers-toolgate end
    return new Result(policy, chain);
  }
}
