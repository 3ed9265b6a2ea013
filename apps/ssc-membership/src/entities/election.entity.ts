import { EntitySchema } from 'typeorm';
import type { SscSeatKind } from '@sec-assure/rules';

export type ElectionStateName = 'OPEN' | 'CLOSED';
export type ElectionOutcomeName = 'NO_CANDIDATES' | 'UNOPPOSED' | 'MOST_VOTES' | 'CASTING_VOTE';

export interface TallyRow {
  nominationId: string;
  votes: number;
}

export interface ElectionRow {
  id: string;
  seatKind: SscSeatKind;
  state: ElectionStateName;
  opensOn: string;
  closesOn: string;
  openedAt: Date;
  openedBy: string;
  closedOn: string | null;
  closedBy: string | null;
  winnerNominationId: string | null;
  outcome: ElectionOutcomeName | null;
  /** Counts per approved candidate, fixed at close; the ballots themselves stay in `vote`. */
  tally: TallyRow[] | null;
}

export const ElectionEntity = new EntitySchema<ElectionRow>({
  name: 'Election',
  tableName: 'election',
  columns: {
    id: { type: 'uuid', primary: true },
    seatKind: { name: 'seat_kind', type: 'text' },
    state: { type: 'text' },
    opensOn: { name: 'opens_on', type: 'date' },
    closesOn: { name: 'closes_on', type: 'date' },
    openedAt: { name: 'opened_at', type: 'timestamptz' },
    openedBy: { name: 'opened_by', type: 'text' },
    closedOn: { name: 'closed_on', type: 'date', nullable: true },
    closedBy: { name: 'closed_by', type: 'text', nullable: true },
    winnerNominationId: { name: 'winner_nomination_id', type: 'uuid', nullable: true },
    outcome: { type: 'text', nullable: true },
    tally: { type: 'jsonb', nullable: true },
  },
});
