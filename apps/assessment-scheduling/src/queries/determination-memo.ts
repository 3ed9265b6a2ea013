import type { DataSource } from 'typeorm';

/**
 * Determinations kept for as long as the database stays as it was when they were worked out.
 *
 * A page of `nextAssessment` over a large register reads thousands of rows per request (a provider
 * is banded on all its users' premises, R-SRP-5), the same rows for every request while nothing
 * changes. PostgreSQL's current snapshot (`pg_current_snapshot()`: the transactions committed so
 * far) names that state exactly: any commit by any process (another replica's consumer included)
 * gives a new snapshot; two requests that see the same snapshot see the same rows. Transaction ids
 * are the server's, not the database's: a write to another service's database on the same server
 * also makes a new snapshot. That costs only hits (the memo pays off while the system only reads),
 * never a stale answer. So an entry is kept under the snapshot a request saw before reading: if a commit came
 * between that and its reads, no later request sees that snapshot again, and the entry is never
 * given out. Only the latest snapshot's entries are kept.
 */
export class DeterminationMemo<T> {
  private snapshot: string | undefined;
  private xmax = -1n;
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 20_000) {}

  /** The entry worked out at exactly this snapshot, or undefined. */
  get(snapshot: string, key: string): T | undefined {
    return snapshot === this.snapshot ? this.entries.get(key) : undefined;
  }

  /** Keeps entries worked out from reads that began at `snapshot`, unless a later snapshot's are kept already. */
  store(snapshot: string, entries: Iterable<readonly [string, T]>): void {
    if (snapshot !== this.snapshot) {
      const xmax = xmaxOf(snapshot);
      // A request that began before the last one stored: its snapshot is older, keep the newer.
      if (xmax === undefined || xmax < this.xmax) return;
      this.snapshot = snapshot;
      this.xmax = xmax;
      this.entries.clear();
    }
    for (const [key, value] of entries) {
      if (this.entries.size >= this.capacity) return;
      this.entries.set(key, value);
    }
  }
}

/** `xmin:xmax:xip,...` as pg_current_snapshot() prints it. */
function xmaxOf(snapshot: string): bigint | undefined {
  const match = /^\d+:(\d+):/.exec(snapshot);
  return match ? BigInt(match[1]!) : undefined;
}

/** The database's current snapshot, as text: what `DeterminationMemo` keys on. */
export async function currentSnapshot(dataSource: DataSource): Promise<string> {
  const [row] = (await dataSource.query('SELECT pg_current_snapshot()::text AS snapshot')) as Array<{ snapshot: string }>;
  if (row === undefined) throw new Error('pg_current_snapshot() returned no row');
  return row.snapshot;
}
