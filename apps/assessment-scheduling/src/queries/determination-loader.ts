import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { DEFAULT_RULE_SET_REGISTRY, type IsoDate, type RuleSetName, type RuleSetRegistry } from '@sec-assure/rules';
import { determineForParties, type PartyDetermination } from './determination';
import { currentSnapshot, type DeterminationMemo } from './determination-memo';

export interface DeterminationKey {
  partyId: string;
  date: IsoDate;
  /** As the register was known at the end of that day; null or absent: now. */
  asKnownOn?: IsoDate | null;
}

const keyOf = ({ partyId, date, asKnownOn }: DeterminationKey): string => `${partyId}|${date}|${asKnownOn ?? ''}`;

/** What a determination can come to: the determination, the rules' refusal, or null (party not known here). */
export type DeterminationResult = PartyDetermination | Error | null;

/**
 * Per request: every `nextAssessment` of a list is determined from one read per date; with a
 * `memo` (one per service), what the database held unchanged since is not read again.
 */
export function determinationLoader(
  dataSource: DataSource,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
  memo?: DeterminationMemo<DeterminationResult>,
): DataLoader<DeterminationKey, PartyDetermination | null, string> {
  return new DataLoader(
    async (keys) => {
      const snapshot = memo && (await currentSnapshot(dataSource));
      const results = new Map<string, DeterminationResult>();
      const byDate = new Map<string, { date: IsoDate; asKnownOn: IsoDate | null; ids: string[] }>();
      for (const key of keys) {
        const known = snapshot === undefined ? undefined : memo?.get(snapshot, keyOf(key));
        if (known !== undefined) {
          results.set(keyOf(key), known);
          continue;
        }
        const { partyId, date, asKnownOn = null } = key;
        const at = `${date}|${asKnownOn ?? ''}`;
        byDate.set(at, { date, asKnownOn, ids: [...(byDate.get(at)?.ids ?? []), partyId] });
      }
      for (const [at, { date, asKnownOn, ids }] of byDate) {
        const worked = [...(await determineForParties(dataSource.manager, ids, date, registry, asKnownOn))].map(([id, result]) => [`${id}|${at}`, result] as const);
        for (const [key, result] of worked) results.set(key, result);
        if (snapshot !== undefined) memo?.store(snapshot, worked);
      }
      return keys.map((k) => results.get(keyOf(k)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}
