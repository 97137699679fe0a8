package io.toolgate.spring.boot;

import io.toolgate.DecisionEngine;
import io.toolgate.KillSwitchSnapshot;
import io.toolgate.ToolId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code toolgate} Actuator endpoint: the active policy's version and the kill switches in
 * force ({@code GET /actuator/toolgate}), and the operator's switches ({@code POST
 * /actuator/toolgate/{action}/{target}}):
 *
 * <ul>
 *   <li>{@code suspend/{principal}} and {@code reinstate/{principal}};
 *   <li>{@code revoke/{delegationId}} revokes a delegation;
 *   <li>{@code disable/{server}/{tool}} and {@code enable/{server}/{tool}}.
 * </ul>
 *
 * Off unless enabled ({@code management.endpoint.toolgate.access=unrestricted}, or {@code
 * read-only} for the view alone) and exposed ({@code management.endpoints.web.exposure.include}).
 * Secure it as any Actuator endpoint: with Spring Security on the class path, only authenticated
 * requests reach it; give the write operations a role of their own (see docs/spring.md).
 */
@Endpoint(id = "toolgate", defaultAccess = Access.NONE)
public class ToolgateEndpoint {
  private final DecisionEngine engine;

  /** An endpoint over {@code engine}. */
  public ToolgateEndpoint(DecisionEngine engine) {
    this.engine = engine;
  }

  /** The policy version, the kill switches in force, and the number of cached residuals. */
  @ReadOperation
  public Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policyVersion", engine.policy().version());
    out.put("killSwitches", killSwitches(engine.killSwitches()));
    out.put("cachedResiduals", engine.cachedResiduals());
    return out;
  }

  /**
   * Throws a kill switch, then answers as {@link #status()} does.
   *
   * @param action {@code suspend}, {@code reinstate}, {@code revoke}, {@code disable} or {@code
   *     enable}
   * @param target the principal, the delegation id, or the tool's {@code server/name}
   */
  @WriteOperation
  public Map<String, Object> change(
      @Selector String action, @Selector(match = Selector.Match.ALL_REMAINING) String[] target) {
    String t = String.join("/", target);
    if (t.isBlank()) {
      throw new InvalidEndpointRequestException("no target", "the target is missing");
    }
    try {
      switch (action) {
        case "suspend" -> engine.suspend(t);
        case "reinstate" -> engine.reinstate(t);
        case "revoke" -> engine.revokeDelegation(t);
        case "disable" -> engine.disableTool(ToolId.parse(t));
        case "enable" -> engine.enableTool(ToolId.parse(t));
        default ->
            throw new InvalidEndpointRequestException(
                "unknown action " + action,
                "unknown action '" + action + "': suspend, reinstate, revoke, disable or enable");
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
    }
    return status();
  }

  private static Map<String, Object> killSwitches(KillSwitchSnapshot k) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("suspended", List.copyOf(k.suspended()));
    out.put("decommissioned", List.copyOf(k.decommissioned()));
    out.put("disabledTools", k.disabledTools().stream().map(ToolId::toString).toList());
    out.put("revokedDelegations", List.copyOf(k.revokedDelegations()));
    return out;
  }
}
