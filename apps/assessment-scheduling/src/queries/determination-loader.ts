import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { DEFAULT_RULE_SET_REGISTRY, type IsoDate, type RuleSetName, type RuleSetRegistry } from '@sec-assure/rules';
import { determineForParties, type PartyDetermination } from './determination';

export interface DeterminationKey {
  partyId: string;
  date: IsoDate;
}

/** Per request: every `nextAssessment` of a list is determined from one read per date. */
export function determinationLoader(
  dataSource: DataSource,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
): DataLoader<DeterminationKey, PartyDetermination | null, string> {
  return new DataLoader(
    async (keys) => {
      const byDate = new Map<IsoDate, string[]>();
      for (const { partyId, date } of keys) byDate.set(date, [...(byDate.get(date) ?? []), partyId]);
      const results = new Map<string, PartyDetermination | Error | null>();
      for (const [date, ids] of byDate) {
        for (const [id, result] of await determineForParties(dataSource.manager, ids, date, registry)) results.set(`${id}|${date}`, result);
      }
      return keys.map(({ partyId, date }) => results.get(`${partyId}|${date}`) ?? null);
    },
    { cacheKeyFn: ({ partyId, date }) => `${partyId}|${date}` },
  );
}
