import type { Admin, Kafka } from 'kafkajs';

/**
 * One admin client for a component that asks the broker now and then: connected at the first ask,
 * kept for the next, and dropped by `close()` (after a failed ask too, so the next one connects
 * afresh).
 */
export class LazyAdmin {
  private admin: Promise<Admin> | null = null;

  constructor(private readonly kafka: Kafka) {}

  get(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }
}
