import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TopicName } from '@sec-assure/events';

/**
 * Read-your-writes across services, bounded: before an issue decides its recipients, wait (at most
 * `timeoutMs`) until this service's projection consumer has handled every message that was on the
 * projected topics when the request came in. An administrator who records an engagement and then
 * issues a document sees the engagement counted. Never fails a request: on timeout or broker
 * trouble it logs and the issue goes on with what is known; late events are reconciled by the
 * consumer (R-DIST-2 copies added, R-DIST-4 copies withdrawn).
 */
export class ProjectionCatchUp {
  private admin: Admin | undefined;
  private connecting: Promise<Admin> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly topics: readonly TopicName[],
    private readonly logger: Logger,
    private readonly timeoutMs = 3000,
  ) {}

  async wait(): Promise<boolean> {
    const started = Date.now();
    try {
      const admin = await this.connect();
      const targets = new Map<string, bigint>();
      for (const topic of this.topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) targets.set(`${topic}:${p.partition}`, BigInt(p.high));
      }
      for (;;) {
        const committed = new Map<string, bigint>();
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId: this.groupId, topics: [...this.topics] })) {
          for (const p of partitions) committed.set(`${topic}:${p.partition}`, BigInt(p.offset));
        }
        const behind = [...targets].filter(([key, high]) => high > 0n && (committed.get(key) ?? -1n) < high);
        if (behind.length === 0) return true;
        if (Date.now() - started > this.timeoutMs) {
          this.logger.warn({ behind: behind.map(([key]) => key), waitedMs: Date.now() - started }, 'projection still behind; issuing with what is known');
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } catch (err) {
      this.logger.warn({ err }, 'could not check projection lag; issuing with what is known');
      return false;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin ?? (await this.connecting?.catch(() => undefined));
    this.admin = undefined;
    this.connecting = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private connect(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    this.connecting ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
      return admin;
    })().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }
}
