package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named role: allow and deny entries (tool patterns times resource patterns, as in the whitelist)
 * and the parent roles whose entries it inherits. Holding a role means holding every entry of the
 * role and of its ancestors; deny entries are inherited like allow entries and win over any allow.
 * Immutable and thread-safe.
 *
 * <p>Every entry id starts with {@code role:<name>/}, so decisions and explanations show which role
 * granted or denied: the builder numbers them {@code role:triager/allow/0}, {@code
 * role:triager/deny/0}, ...
 *
 * @param name the role's unique name
 * @param parents the roles this one inherits from (its juniors, in NIST terms), without duplicates
 * @param entries the role's own allow and deny entries, each id starting with {@code role:<name>/}
 */
public record Role(String name, List<String> parents, List<AccessEntry> entries) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a name is malformed, a parent is named twice, or an entry
   *     id does not start with {@code role:<name>/} or is used twice
   * @throws NullPointerException if any argument or element is null
   */
  public Role {
    Names.check(name, "role name");
    parents = List.copyOf(parents);
    entries = List.copyOf(entries);
    Set<String> seen = new HashSet<>();
    for (String parent : parents) {
      Names.check(parent, "parent role name");
      if (!seen.add(parent)) {
        throw new IllegalArgumentException(
            "role '" + name + "' names parent '" + parent + "' twice");
      }
    }
    String prefix = entryPrefix(name);
    Set<String> ids = new HashSet<>();
    for (AccessEntry e : entries) {
      if (!e.id().startsWith(prefix)) {
        throw new IllegalArgumentException(
            "entry id '" + e.id() + "' of role '" + name + "' must start with '" + prefix + "'");
      }
      if (!ids.add(e.id())) {
        throw new IllegalArgumentException(
            "role '" + name + "' uses entry id '" + e.id() + "' twice");
      }
    }
  }

  /** Starts a role named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The prefix every entry id of role {@code name} starts with: {@code role:<name>/}. */
  public static String entryPrefix(String name) {
    return "role:" + name + "/";
  }

  @Override
  public String toString() {
    return "role " + name + (parents.isEmpty() ? "" : " inherits " + parents) + " " + entries;
  }

  /** Builds a {@link Role}; {@link #build()} leaves the builder unchanged. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<String> parents = new ArrayList<>();
    private final List<AccessEntry> entries = new ArrayList<>();
    private int allows;
    private int denies;

    private Builder(String name) {
      this.name = Names.check(name, "role name");
    }

    /** Adds parent roles whose entries this role inherits. */
    public Builder inherits(String... roles) {
      for (String r : roles) {
        parents.add(Names.check(r, "parent role name"));
      }
      return this;
    }

    /** Allows the tool patterns on every resource, as entry {@code role:<name>/allow/N}. */
    public Builder allow(String... toolPatterns) {
      entries.add(
          AccessEntry.of(
              entryPrefix(name) + "allow/" + allows, Effect.ALLOW, Arrays.asList(toolPatterns)));
      allows++;
      return this;
    }

    /**
     * Allows the tool patterns on every resource only once each call is approved ({@link
     * io.toolgate.Obligation#APPROVAL}), as entry {@code role:<name>/allow/N}.
     */
    public Builder allowWithApproval(String... toolPatterns) {
      entries.add(
          AccessEntry.of(
                  entryPrefix(name) + "allow/" + allows, Effect.ALLOW, Arrays.asList(toolPatterns))
              .requiringApproval());
      allows++;
      return this;
    }

    /**
     * Allows the tool patterns on the resource patterns, as entry {@code role:<name>/allow/N}.
     *
     * @throws IllegalArgumentException if a pattern is malformed, no tool pattern is given, or the
     *     resource list is empty (use {@link #allow(String...)} for every resource)
     */
    public Builder allow(List<String> toolPatterns, List<String> resourcePatterns) {
      entries.add(
          AccessEntry.of(
              entryPrefix(name) + "allow/" + allows, Effect.ALLOW, toolPatterns, resourcePatterns));
      allows++;
      return this;
    }

    /** Denies the tool patterns on every resource, as entry {@code role:<name>/deny/N}. */
    public Builder deny(String... toolPatterns) {
      entries.add(
          AccessEntry.of(
              entryPrefix(name) + "deny/" + denies, Effect.DENY, Arrays.asList(toolPatterns)));
      denies++;
      return this;
    }

    /**
     * Denies the tool patterns on the resource patterns, as entry {@code role:<name>/deny/N}.
     *
     * @throws IllegalArgumentException if a pattern is malformed, no tool pattern is given, or the
     *     resource list is empty (use {@link #deny(String...)} for every resource)
     */
    public Builder deny(List<String> toolPatterns, List<String> resourcePatterns) {
      entries.add(
          AccessEntry.of(
              entryPrefix(name) + "deny/" + denies, Effect.DENY, toolPatterns, resourcePatterns));
      denies++;
      return this;
    }

    /**
     * Adds a ready-made entry; its id must start with {@code role:<name>/} (checked by {@link
     * #build()}).
     */
    public Builder entry(AccessEntry entry) {
      entries.add(java.util.Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /**
     * Builds the role.
     *
     * @throws IllegalArgumentException as {@link Role#Role} does
     */
    public Role build() {
      return new Role(name, parents, entries);
    }
  }
}
