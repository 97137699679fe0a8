package io.toolgate.analysis;

import io.toolgate.Decision;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.List;
import java.util.Objects;

/**
 * A pending check that a subject can, or cannot, invoke one tool; the resource given to {@link #on}
 * (or {@link #onNoResource}, {@link #onSomeResource}, {@link #onAnyResource}) makes it. Not
 * thread-safe.
 */
public final class InvocationAssert {
  private final SubjectAssert subject;
  private final ToolId tool;
  private final boolean can;

  InvocationAssert(SubjectAssert subject, ToolId tool, boolean can) {
    this.subject = subject;
    this.tool = tool;
    this.can = can;
  }

  /**
   * Checks the decision the engine makes for the tool on {@code resource} (no arguments, default
   * session, at the analyzer's clock).
   *
   * @throws AssertionError naming the decision's reason and rules (for an unexpected allow, the
   *     grants that allow it)
   */
  public SubjectAssert on(String resource) {
    Objects.requireNonNull(resource, "resource");
    return check(resource.isEmpty() ? ResourceId.NONE : ResourceId.of(resource));
  }

  /** Checks the decision for the tool on the "none" resource; see {@link #on}. */
  public SubjectAssert onNoResource() {
    return check(ResourceId.NONE);
  }

  /**
   * For {@code canInvoke}: checks that the tool is reached on some resource of the catalog.
   *
   * @throws IllegalStateException after {@code cannotInvoke} (use {@link #onAnyResource})
   */
  public SubjectAssert onSomeResource() {
    if (!can) {
      throw new IllegalStateException(
          "cannotInvoke(...).onSomeResource() says nothing; use onAnyResource()");
    }
    if (reaches().isEmpty()) {
      throw new AssertionError(
          "expected "
              + subject.who()
              + " to be allowed "
              + tool
              + " on some resource, but no grant reaches it on any resource of the catalog "
              + subject.analyzer().catalog().resources());
    }
    return subject;
  }

  /**
   * For {@code cannotInvoke}: checks that the tool is reached on no resource of the catalog.
   *
   * @throws AssertionError listing each resource reached and the grants that reach it
   * @throws IllegalStateException after {@code canInvoke} (use {@link #onSomeResource})
   */
  public SubjectAssert onAnyResource() {
    if (can) {
      throw new IllegalStateException(
          "canInvoke(...).onAnyResource() is ambiguous; use onSomeResource()");
    }
    List<Reach> reached = reaches();
    if (!reached.isEmpty()) {
      throw new AssertionError(
          "expected "
              + subject.who()
              + " to be denied "
              + tool
              + " on every resource, but it reaches:"
              + SubjectAssert.lines(reached));
    }
    return subject;
  }

  private List<Reach> reaches() {
    return subject.effective().reaches().stream()
        .filter(r -> r.tool().tool().id().equals(tool))
        .toList();
  }

  private SubjectAssert check(ResourceId resource) {
    Decision d = subject.analyzer().decide(subject.chain(), tool, resource);
    if (d.isAllowed() == can) {
      return subject;
    }
    String on = tool + " on " + resource;
    if (can) {
      String rules = d.ruleIds().isEmpty() ? "" : " by " + String.join(", ", d.ruleIds());
      throw new AssertionError(
          "expected "
              + subject.who()
              + " to be allowed "
              + on
              + ", but it is denied ("
              + d.reason()
              + rules
              + d.refusingPrincipal().map(p -> " at '" + p + "'").orElse("")
              + "): "
              + d.detail());
    }
    CatalogTool t = new CatalogTool(tool.qualifiedName(), io.toolgate.Tool.of(tool));
    CatalogResource r = new CatalogResource(resource.toString(), resource);
    Reach reach = subject.analyzer().reach(subject.chain(), t, r, d);
    throw new AssertionError(
        "expected "
            + subject.who()
            + " to be denied "
            + on
            + ", but it is allowed through:"
            + SubjectAssert.lines(reach == null ? d.ruleIds() : reach.grants()));
  }

  @Override
  public String toString() {
    return (can ? "can" : "cannot") + " invoke " + tool + " (" + subject + ")";
  }
}
