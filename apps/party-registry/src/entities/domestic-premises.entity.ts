import { EntitySchema } from 'typeorm';

/** One effective-dated count (R-PREM-1): appended, never overwritten. */
export interface DomesticPremisesRow {
  partyId: string;
  effectiveFrom: string;
  count: number;
  recordedAt: Date;
}

export const DomesticPremisesEntity = new EntitySchema<DomesticPremisesRow>({
  name: 'DomesticPremises',
  tableName: 'domestic_premises',
  columns: {
    partyId: { name: 'party_id', type: 'uuid', primary: true },
    effectiveFrom: { name: 'effective_from', type: 'date', primary: true },
    count: { type: 'integer' },
    recordedAt: { name: 'recorded_at', type: 'timestamptz' },
  },
});
