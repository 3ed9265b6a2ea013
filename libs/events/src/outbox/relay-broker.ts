// Whether a failed publish says the broker is away (down, restarting, its coordinators loading)
// rather than anything about the row. Such a failure is the broker's, not the row's: the row keeps
// its place and stays due (no per-row back-off that would outlast the outage), and the relay tries
// again at a short, capped interval, so it publishes within about a second of the broker's return.
// kafkajs marks these errors retriable (connection refused or closed, request timeouts, retriable
// protocol errors such as COORDINATOR_NOT_AVAILABLE); its "retries exceeded" and "non-retriable"
// wrappers carry the original as `cause`.

const AWAY_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
]);

const AWAY_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/;

export function isBrokerAway(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e instanceof Error && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { name, retriable, code, type } = e as { name: string; retriable?: unknown; code?: unknown; type?: unknown };
    // A fenced producer is a newer relay's doing, never an outage.
    if (type === 'PRODUCER_FENCED' || type === 'INVALID_PRODUCER_EPOCH') return false;
    if (AWAY_NAMES.has(name) || retriable === true || (typeof code === 'string' && AWAY_CODES.test(code))) return true;
  }
  return false;
}
