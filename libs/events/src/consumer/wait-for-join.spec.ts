import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { waitForJoin } from './start-consumer';

/** Just what waitForJoin listens to: the consumer's GROUP_JOIN instrumentation event. */
function fakeConsumer(): { consumer: Pick<Consumer, 'on' | 'events'>; join(): void } {
  const emitter = new EventEmitter();
  const events = { GROUP_JOIN: 'consumer.group_join' } as Consumer['events'];
  const on = ((event: string, listener: () => void) => {
    emitter.on(event, listener);
    return () => emitter.off(event, listener);
  }) as unknown as Consumer['on'];
  return { consumer: { on, events }, join: () => emitter.emit(events.GROUP_JOIN) };
}

describe('waiting for the first group join (ISSUE-12)', () => {
  it('resolves at the join', async () => {
    const { consumer, join } = fakeConsumer();
    const { joined } = waitForJoin(consumer, 10_000);
    join();
    await expect(joined).resolves.toBeUndefined();
  });

  it('a timeout while the start is still pending is no unhandled rejection: it fails the start where the start awaits it', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const { consumer } = fakeConsumer();
      const { joined } = waitForJoin(consumer, 20);
      // kafkajs' run() is still waiting for the join when the timer fires.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
      await expect(joined).rejects.toThrow('consumer did not join its group within 20 ms');
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
