package io.toolgate.redis;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What issuing a change through a {@link RedisFleet} returns: the change's id, and the id of the
 * stream entry that carries it to the other replicas once Redis has it.
 *
 * @param opId the change's own id (a random UUID), under which Redis records it exactly once
 * @param streamId the id of its entry in the fleet's stream, or null while Redis could not be
 *     reached: the change then applies on this replica only, and is replayed to Redis when it comes
 *     back ({@link RedisFleet#whenPersisted})
 */
public record FleetReceipt(String opId, @Nullable String streamId) {
  /** Validates. */
  public FleetReceipt {
    Objects.requireNonNull(opId, "opId");
  }

  /** Whether Redis has the change, so every replica will apply it. */
  public boolean persisted() {
    return streamId != null;
  }
}
