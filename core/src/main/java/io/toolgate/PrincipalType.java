package io.toolgate;

/** What kind of actor a {@link Principal} is. */
public enum PrincipalType {
  /** A person. Usually the origin of a delegation chain. */
  USER,
  /** An AI agent acting for its owner. */
  AGENT,
  /** A non-human service, including a tool that calls other tools. */
  SERVICE
}
