package io.toolgate.spi;

import io.toolgate.InvalidPolicyException;

/**
 * A source of grants that plugs into a policy: the whitelist in core, roles in {@code
 * toolgate-rbac}, rules in {@code toolgate-abac}. A module is an immutable definition; a {@link
 * io.toolgate.Policy} compiles it once, when the policy is built, into a {@link CompiledModule}
 * that the engine asks about each principal of each request it has not cached yet.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface PolicyModule {
  /**
   * A short, stable name ({@code whitelist}, {@code rbac}, ...) used in errors and explanations, in
   * {@link Grant#module()} and in the policy version's digest. It names the kind of grants, not the
   * artifact: a document section names its artifact ({@code toolgate-rbac}) separately, so that a
   * message can say which dependency to add; changing this name would change every version of a
   * policy that uses the module.
   */
  String name();

  /**
   * A stable text that changes whenever the module's content changes; it feeds the policy's version
   * digest. Two modules with equal fingerprints must decide alike.
   */
  String fingerprint();

  /**
   * Validates this module against the rest of the policy and compiles it.
   *
   * @param view the policy being built, and what modules compiled before this one publish
   * @return the compiled module
   * @throws InvalidPolicyException listing every problem found, when the module is invalid
   */
  CompiledModule compile(PolicyView view);
}
