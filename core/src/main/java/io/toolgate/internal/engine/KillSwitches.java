package io.toolgate.internal.engine;

import io.toolgate.ToolId;

/**
 * The engine's emergency overrides as the decision procedure reads them: suspended and
 * decommissioned principals, disabled tools, revoked delegation ids. The engine's live
 * implementation is {@link Switchboard}; {@link #NONE} is the state in which nothing is switched,
 * which is what cached residuals are built against (a hit checks the switches it depends on
 * separately, see {@link CachedResidual#switched()}).
 */
interface KillSwitches {
  /** Nothing suspended, decommissioned, disabled or revoked. */
  KillSwitches NONE =
      new KillSwitches() {
        @Override
        public boolean isSuspended(String principalId) {
          return false;
        }

        @Override
        public boolean isDecommissioned(String principalId) {
          return false;
        }

        @Override
        public boolean isDisabled(ToolId tool) {
          return false;
        }

        @Override
        public boolean isRevoked(String delegationId) {
          return false;
        }
      };

  /** Whether the principal is suspended by a kill switch (the policy's own states aside). */
  boolean isSuspended(String principalId);

  /** Whether the principal is decommissioned by a kill switch (the policy's own states aside). */
  boolean isDecommissioned(String principalId);

  /** Whether the tool is disabled. */
  boolean isDisabled(ToolId tool);

  /** Whether the delegation id is revoked. */
  boolean isRevoked(String delegationId);
}
