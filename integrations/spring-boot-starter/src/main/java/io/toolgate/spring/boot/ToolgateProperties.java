package io.toolgate.spring.boot;

import io.toolgate.springai.DenialMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code toolgate.*} settings of the starter. Bound once at start-up; the policy itself is
 * reloaded from its file, these settings are not.
 */
@ConfigurationProperties("toolgate")
public class ToolgateProperties {
  /** Whether the starter configures Toolgate at all. */
  private boolean enabled = true;

  /**
   * Most residual decisions cached at once; 0 turns caching off. Unset: the engine's default
   * (100000).
   */
  private Long cacheSize;

  private final Policy policy = new Policy();
  private final Audit audit = new Audit();
  private final Tools tools = new Tools();
  private final Metrics metrics = new Metrics();

  /** Creates the settings with their defaults. */
  public ToolgateProperties() {}

  /** Whether the starter configures Toolgate at all. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets whether the starter configures Toolgate at all. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Most residual decisions cached at once; null for the engine's default. */
  public Long getCacheSize() {
    return cacheSize;
  }

  /** Sets the most residual decisions cached at once. */
  public void setCacheSize(Long cacheSize) {
    this.cacheSize = cacheSize;
  }

  /** The policy document settings. */
  public Policy getPolicy() {
    return policy;
  }

  /** The audit log settings. */
  public Audit getAudit() {
    return audit;
  }

  /** The Spring AI tool settings. */
  public Tools getTools() {
    return tools;
  }

  /** The Micrometer settings. */
  public Metrics getMetrics() {
    return metrics;
  }

  /**
   * Micrometer metrics and tool-call observations, configured when toolgate-micrometer and a
   * MeterRegistry are present.
   */
  public static class Metrics {
    /**
     * Whether decisions are counted into Micrometer (toolgate.decisions, toolgate.cache.gets, ...)
     * and each guarded tool call is observed (toolgate.tool.call), when toolgate-micrometer is on
     * the class path and the application has a MeterRegistry.
     */
    private boolean enabled = true;

    /** Creates the settings with their defaults. */
    public Metrics() {}

    /** Whether metrics and observations are on. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether metrics and observations are on. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Where the policy document is, who must have signed it, and whether it is reloaded. */
  public static class Policy {
    /**
     * The policy document (YAML or JSON): a file path, 'file:...' or 'classpath:...'. Its
     * signature, when there is one, is the file next to it with '.sig' appended.
     */
    private String location;

    /**
     * The public key (PEM text, or a 'file:' or 'classpath:' location of a PEM file) that must have
     * signed the document. When set, an unsigned or wrongly signed document is refused.
     */
    private String publicKey;

    /** Whether a policy file changed on disk is loaded again (not for 'classpath:' inside jars). */
    private boolean reload = true;

    /** Creates the settings with their defaults. */
    public Policy() {}

    /** The policy document's location. */
    public String getLocation() {
      return location;
    }

    /** Sets the policy document's location. */
    public void setLocation(String location) {
      this.location = location;
    }

    /** The trusted public key, PEM text or a location; null when documents need no signature. */
    public String getPublicKey() {
      return publicKey;
    }

    /** Sets the trusted public key. */
    public void setPublicKey(String publicKey) {
      this.publicKey = publicKey;
    }

    /** Whether a changed policy file is loaded again. */
    public boolean isReload() {
      return reload;
    }

    /** Sets whether a changed policy file is loaded again. */
    public void setReload(boolean reload) {
      this.reload = reload;
    }
  }

  /** The audit log: one JSON line per decision on the SLF4J logger 'io.toolgate.audit'. */
  public static class Audit {
    /** Whether every decision is written to the audit log. */
    private boolean enabled = true;

    /** How many decisions may wait for the audit thread; beyond that records are dropped. */
    private int capacity = 8192;

    /**
     * Whether a call whose audit record cannot be queued is denied (AUDIT_UNAVAILABLE) instead of
     * running unrecorded.
     */
    private boolean required = false;

    /** Creates the settings with their defaults. */
    public Audit() {}

    /** Whether the audit log is on. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether the audit log is on. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The audit queue's capacity. */
    public int getCapacity() {
      return capacity;
    }

    /** Sets the audit queue's capacity. */
    public void setCapacity(int capacity) {
      this.capacity = capacity;
    }

    /** Whether an unrecorded call is denied. */
    public boolean isRequired() {
      return required;
    }

    /** Sets whether an unrecorded call is denied. */
    public void setRequired(boolean required) {
      this.required = required;
    }
  }

  /** How Spring AI tools are guarded. */
  public static class Tools {
    /** Whether every ToolCallback and ToolCallbackProvider bean is wrapped in a guard. */
    private boolean wrap = true;

    /** The server part of the Toolgate ids of Spring AI tools: tool 'n' is 'server/n'. */
    // A literal, so the configuration processor records the default
    // (ToolCallbackGuard.DEFAULT_SERVER).
    private String server = "spring-ai";

    /** What a refused call does: RESULT (the model reads the reason) or THROW. */
    private DenialMode onDenial = DenialMode.RESULT;

    /**
     * The agent acting for the authenticated Spring Security user: when set, a call with no chain
     * in its tool context is decided for the chain user -> agent.
     */
    private String agentId;

    /**
     * Resource templates by Spring AI tool name, deriving each call's resource from its arguments,
     * such as 'read_file: file:///docs/{+path}'.
     */
    private Map<String, String> resources = new LinkedHashMap<>();

    /**
     * What calls of tools with no resource template act on: NONE (the 'none' resource) or DENY
     * (they are refused with RESOURCE_UNRESOLVED).
     */
    private OtherResources otherResources = OtherResources.NONE;

    /** Creates the settings with their defaults. */
    public Tools() {}

    /** Whether tool beans are wrapped. */
    public boolean isWrap() {
      return wrap;
    }

    /** Sets whether tool beans are wrapped. */
    public void setWrap(boolean wrap) {
      this.wrap = wrap;
    }

    /** The server part of tool ids. */
    public String getServer() {
      return server;
    }

    /** Sets the server part of tool ids. */
    public void setServer(String server) {
      this.server = server;
    }

    /** What a refused call does. */
    public DenialMode getOnDenial() {
      return onDenial;
    }

    /** Sets what a refused call does. */
    public void setOnDenial(DenialMode onDenial) {
      this.onDenial = onDenial;
    }

    /** The agent acting for the authenticated user; null when not configured. */
    public String getAgentId() {
      return agentId;
    }

    /** Sets the agent acting for the authenticated user. */
    public void setAgentId(String agentId) {
      this.agentId = agentId;
    }

    /** Resource templates by tool name. */
    public Map<String, String> getResources() {
      return resources;
    }

    /** Sets the resource templates by tool name. */
    public void setResources(Map<String, String> resources) {
      this.resources = resources;
    }

    /** What calls of tools with no template act on. */
    public OtherResources getOtherResources() {
      return otherResources;
    }

    /** Sets what calls of tools with no template act on. */
    public void setOtherResources(OtherResources otherResources) {
      this.otherResources = otherResources;
    }
  }

  /** What calls of tools with no resource template act on. */
  public enum OtherResources {
    /** The "none" resource: the policy must allow the tool on it (a grant on '**' does). */
    NONE,
    /** Nothing: such calls are denied with RESOURCE_UNRESOLVED. */
    DENY
  }
}
