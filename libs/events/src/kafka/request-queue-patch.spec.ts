// patches/kafkajs+2.2.4.patch (applied by patch-package at npm install): kafkajs 2.2.4 re-armed a
// 1 ms check of its request queue forever once any answer had come back, on every broker
// connection. Idle CPU was 20-34 ms/s per subgraph (tools/bench/system-bench.ts).
import { createRequire } from 'node:module';

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}
type QueueClass = new (options: { maxInFlightRequests: number | null; requestTimeout: number; clientId: string; broker: string; logger: unknown }) => Queue;

const RequestQueue = createRequire(__filename)('kafkajs/src/network/requestQueue') as QueueClass;
const silent = { debug: (): void => undefined, info: (): void => undefined, warn: (): void => undefined, error: (): void => undefined };

describe('kafkajs request queue, as patched', () => {
  let queue: Queue;
  beforeEach(() => {
    queue = new RequestQueue({ maxInFlightRequests: null, requestTimeout: 30_000, clientId: 'test', broker: '127.0.0.1:1', logger: silent });
  });
  afterEach(() => queue.destroy());

  it('arms no timer when nothing waits (an answer came back, the queue is empty)', () => {
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still checks again later when a request waits behind a throttle', () => {
    queue.throttledUntil = Date.now() + 50;
    queue.pending.push({});
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
  });
});
