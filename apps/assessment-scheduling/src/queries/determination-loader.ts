import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { DEFAULT_RULE_SET_REGISTRY, type IsoDate, type RuleSetName, type RuleSetRegistry } from '@sec-assure/rules';
import { determineForParties, type PartyDetermination } from './determination';

export interface DeterminationKey {
  partyId: string;
  date: IsoDate;
  /** As the register was known at the end of that day; null or absent: now. */
  asKnownOn?: IsoDate | null;
}

const keyOf = ({ partyId, date, asKnownOn }: DeterminationKey): string => `${partyId}|${date}|${asKnownOn ?? ''}`;

/** Per request: every `nextAssessment` of a list is determined from one read per date. */
export function determinationLoader(
  dataSource: DataSource,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
): DataLoader<DeterminationKey, PartyDetermination | null, string> {
  return new DataLoader(
    async (keys) => {
      const byDate = new Map<string, { date: IsoDate; asKnownOn: IsoDate | null; ids: string[] }>();
      for (const { partyId, date, asKnownOn = null } of keys) {
        const at = `${date}|${asKnownOn ?? ''}`;
        byDate.set(at, { date, asKnownOn, ids: [...(byDate.get(at)?.ids ?? []), partyId] });
      }
      const results = new Map<string, PartyDetermination | Error | null>();
      for (const [at, { date, asKnownOn, ids }] of byDate) {
        for (const [id, result] of await determineForParties(dataSource.manager, ids, date, registry, asKnownOn)) results.set(`${id}|${at}`, result);
      }
      return keys.map((k) => results.get(keyOf(k)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}
