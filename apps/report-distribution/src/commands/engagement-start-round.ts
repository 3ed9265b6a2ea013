import type { DataSource } from 'typeorm';
import { londonDayOf } from '@sec-assure/rules';
import { startRounds, type Logger, type Rounds } from '@sec-assure/service';
import { ProjectedEngagementEntity } from '../entities/projection.entity';
import { settleEngagementCopies } from './engagement-copies';
import { lockProvider } from './provider-lock';

/** Engagements settled in one round at most; any more wait for the next round. */
const ROUND_LIMIT = 500;

export interface EngagementStartRoundResult {
  /** Engagements whose wait for their start was settled in this round. */
  engagements: number;
  /** Copies given (each published with DocumentRecipientAdded). */
  copies: number;
}

/**
 * R-DIST-5, R-DIST-4: the round of engagement starts. Every engagement waiting for its start
 * (engagement_copies_pending) whose start date is the platform's day of `now` (Europe/London) or
 * earlier is settled: the user receives the provider's documents current on its start date, as a
 * user engaged from a date already past receives them when the engagement is learned (the same
 * copies, reasons and DocumentRecipientAdded events). One transaction per engagement: the provider
 * locked as an issue about it locks it, the waiting row re-read and locked, the copies and their
 * events written to the outbox (the relay publishes them once committed), the row removed. A row
 * another round holds is skipped; one it has settled is gone: running a round again, or two at
 * once, gives nothing twice.
 */
export async function runEngagementStartRound(dataSource: DataSource, now: Date): Promise<EngagementStartRoundResult> {
  const today = londonDayOf(now);
  const due = (await dataSource.query(
    `SELECT p.engagement_id, e.provider_party_id FROM engagement_copies_pending p
     JOIN projected_engagement e ON e.id = p.engagement_id
     WHERE e.start_date <= $1::date ORDER BY e.start_date, p.engagement_id LIMIT $2`,
    [today, ROUND_LIMIT],
  )) as Array<{ engagement_id: string; provider_party_id: string }>;
  const result: EngagementStartRoundResult = { engagements: 0, copies: 0 };
  for (const candidate of due) {
    const added = await dataSource.transaction(async (manager) => {
      await lockProvider(manager, candidate.provider_party_id);
      const waiting = (await manager.query('SELECT correlation_id FROM engagement_copies_pending WHERE engagement_id = $1 FOR UPDATE SKIP LOCKED', [
        candidate.engagement_id,
      ])) as Array<{ correlation_id: string | null }>;
      if (waiting.length === 0) return null;
      const engagement = await manager.getRepository(ProjectedEngagementEntity).findOneByOrFail({ id: candidate.engagement_id });
      // The delivery carries the correlation id of the event that recorded the engagement.
      const settled = await settleEngagementCopies(manager, engagement, { now, correlationId: waiting[0]!.correlation_id ?? undefined });
      return settled.added;
    });
    if (added === null) continue;
    result.engagements += 1;
    result.copies += added;
  }
  return result;
}

/**
 * Runs the engagement-start round when started and every `intervalMs` after (startRounds: never two
 * at once in this process; other processes are kept apart by the database locks).
 */
export function startEngagementStartRounds(options: { dataSource: DataSource; logger: Logger; intervalMs: number; clock?: () => Date }): Rounds<EngagementStartRoundResult> {
  const { dataSource, logger } = options;
  const clock = options.clock ?? ((): Date => new Date());
  return startRounds({
    name: 'engagement-start',
    intervalMs: options.intervalMs,
    logger,
    runAtStart: true,
    round: async () => {
      const result = await runEngagementStartRound(dataSource, clock());
      if (result.engagements > 0) logger.info(result, 'copies given to users whose engagement has started (R-DIST-5)');
      return result;
    },
  });
}
