/**
 * kafkajs wraps a failed offset commit in a KafkaJSNonRetriableError, but its runner rejoins the
 * group only when it sees the protocol error itself (a rebalance, UNKNOWN_MEMBER_ID). Wrapped, the
 * consumer crashes and is never restarted: the service goes on answering from a projection nobody
 * updates. It happens whenever the group moves on under a commit: a replica joins or leaves, or
 * this member's session expired while it handled a long batch. Handed the protocol error, the
 * runner rejoins; the events whose offsets were not committed come again, and processed_event
 * skips those already handled.
 */
const GROUP_MOVED_ON = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP']);

export function rejoinableCommitError(error: unknown): unknown {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (GROUP_MOVED_ON.has(String((e as { type?: unknown }).type))) return e;
  }
  return error;
}
