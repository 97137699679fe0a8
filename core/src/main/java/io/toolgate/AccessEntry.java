package io.toolgate;

import io.toolgate.internal.Checks;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One allow or deny entry: a set of tool patterns times a set of resource patterns. An entry with
 * no resource patterns covers every resource, {@link ResourceId#NONE} included. Used by the
 * whitelist and by roles.
 *
 * @param id names the entry in decisions and explanations; unique within a policy
 * @param effect whether matching calls are allowed or denied
 * @param tools at least one tool pattern
 * @param resources resource patterns; empty means every resource
 * @param mode whether the entry decides ({@link Mode#ENFORCE}) or is only recorded when it matches
 *     ({@link Mode#LOG_ONLY})
 * @param approvalRequired whether a call this allow entry allows runs only once approved ({@link
 *     Obligation#APPROVAL}); always false for a deny entry
 */
public record AccessEntry(
    String id,
    Effect effect,
    List<ToolPattern> tools,
    List<ResourcePattern> resources,
    Mode mode,
    boolean approvalRequired) {
  /** Whether an entry decides or is only recorded. */
  public enum Mode {
    /** The entry decides: the default. */
    ENFORCE,
    /**
     * The entry never changes a decision; when it matches a call, its id is recorded in {@link
     * Decision#logOnlyMatches()}, so a new rule can be watched before it is enforced.
     */
    LOG_ONLY
  }

  static final String EMPTY_RESOURCES =
      "an empty resource list would read as 'no resource', yet it has "
          + "always meant every resource: leave the resources out (or write \"**\") for every resource";

  /** Validates and copies. */
  public AccessEntry {
    Checks.identifier(id, "entry id");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(mode, "mode");
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
    if (tools.isEmpty()) {
      throw new IllegalArgumentException("entry '" + id + "' names no tool pattern");
    }
    if (approvalRequired && effect != Effect.ALLOW) {
      throw new IllegalArgumentException(
          "entry '" + id + "' denies, so it cannot require approval: only an allow can");
    }
  }

  /** An enforced entry that allows or denies outright (no approval required). */
  public AccessEntry(
      String id, Effect effect, List<ToolPattern> tools, List<ResourcePattern> resources) {
    this(id, effect, tools, resources, Mode.ENFORCE, false);
  }

  /** An entry in the given mode that requires no approval. */
  public AccessEntry(
      String id,
      Effect effect,
      List<ToolPattern> tools,
      List<ResourcePattern> resources,
      Mode mode) {
    this(id, effect, tools, resources, mode, false);
  }

  /** An enforced entry, requiring approval or not. */
  public AccessEntry(
      String id,
      Effect effect,
      List<ToolPattern> tools,
      List<ResourcePattern> resources,
      boolean approvalRequired) {
    this(id, effect, tools, resources, Mode.ENFORCE, approvalRequired);
  }

  /** Returns a copy of this entry in log-only mode ({@link Mode#LOG_ONLY}). */
  public AccessEntry logOnly() {
    return new AccessEntry(id, effect, tools, resources, Mode.LOG_ONLY, approvalRequired);
  }

  /** Whether the entry is only recorded, never decides ({@link Mode#LOG_ONLY}). */
  public boolean isLogOnly() {
    return mode == Mode.LOG_ONLY;
  }

  /**
   * Returns a copy of this allow entry whose calls run only once approved ({@link
   * Obligation#APPROVAL}).
   *
   * @throws IllegalArgumentException if this is a deny entry
   */
  public AccessEntry requiringApproval() {
    return new AccessEntry(id, effect, tools, resources, mode, true);
  }

  /**
   * An entry from pattern texts, over the given resource patterns.
   *
   * @throws IllegalArgumentException if a pattern is malformed, or {@code resources} is empty: an
   *     empty list reads as "no resource" to most people, so "every resource" is written by leaving
   *     the resources out ({@link #of(String, Effect, Collection)}) or as {@code **}
   */
  public static AccessEntry of(
      String id, Effect effect, Collection<String> tools, Collection<String> resources) {
    List<ToolPattern> toolPatterns = tools.stream().map(ToolPattern::parse).toList();
    if (resources.isEmpty() && !toolPatterns.isEmpty()) {
      throw new IllegalArgumentException("entry '" + id + "': " + EMPTY_RESOURCES);
    }
    return new AccessEntry(
        id, effect, toolPatterns, resources.stream().map(ResourcePattern::parse).toList());
  }

  /** An entry from tool pattern texts over every resource ({@code NONE} included). */
  public static AccessEntry of(String id, Effect effect, Collection<String> tools) {
    return new AccessEntry(id, effect, tools.stream().map(ToolPattern::parse).toList(), List.of());
  }

  /** An allow entry over the given tool patterns and every resource. */
  public static AccessEntry allow(String id, String... tools) {
    return of(id, Effect.ALLOW, Arrays.asList(tools));
  }

  /** A deny entry over the given tool patterns and every resource. */
  public static AccessEntry deny(String id, String... tools) {
    return of(id, Effect.DENY, Arrays.asList(tools));
  }

  /**
   * Returns a copy of this entry restricted to the given resource patterns.
   *
   * @throws IllegalArgumentException if none is given (see {@link #of(String, Effect, Collection,
   *     Collection)})
   */
  public AccessEntry on(String... resourcePatterns) {
    if (resourcePatterns.length == 0) {
      throw new IllegalArgumentException("entry '" + id + "': " + EMPTY_RESOURCES);
    }
    return new AccessEntry(
        id,
        effect,
        tools,
        Arrays.stream(resourcePatterns).map(ResourcePattern::parse).toList(),
        mode,
        approvalRequired);
  }

  /** Whether the entry covers {@code tool} on {@code resource}. */
  public boolean covers(ToolId tool, ResourceId resource) {
    return tools.stream().anyMatch(t -> t.matches(tool))
        && (resources.isEmpty() || resources.stream().anyMatch(r -> r.matches(resource)));
  }

  /**
   * The record form, naming the mode and {@code approvalRequired} only when not the default: a
   * policy's version digests its entries' texts, so a policy using neither keeps the version it
   * always had.
   */
  @Override
  public String toString() {
    return "AccessEntry[id="
        + id
        + ", effect="
        + effect
        + ", tools="
        + tools
        + ", resources="
        + resources
        + (mode == Mode.ENFORCE ? "" : ", mode=" + mode)
        + (approvalRequired ? ", approvalRequired=true" : "")
        + "]";
  }
}
