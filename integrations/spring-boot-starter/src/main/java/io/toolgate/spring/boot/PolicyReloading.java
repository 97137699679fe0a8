package io.toolgate.spring.boot;

import io.toolgate.document.PolicyReloader;

/** The reloader of the policy file, or nothing when reloading is off or the policy is no file. */
final class PolicyReloading implements AutoCloseable {
  private final PolicyReloader reloader;

  PolicyReloading(PolicyReloader reloader) {
    this.reloader = reloader;
  }

  /** Whether a reloader is watching the policy file. */
  boolean watching() {
    return reloader != null;
  }

  /** The reloader watching the policy file; null when none is. */
  PolicyReloader reloader() {
    return reloader;
  }

  @Override
  public void close() {
    if (reloader != null) {
      reloader.close();
    }
  }
}
