import { EntitySchema } from 'typeorm';

/** One party's ballot (R-SSC-3: one each). Never exposed through the API or events. */
export interface VoteRow {
  electionId: string;
  voterPartyId: string;
  nominationId: string;
  castAt: Date;
  castBy: string;
}

export const VoteEntity = new EntitySchema<VoteRow>({
  name: 'Vote',
  tableName: 'vote',
  columns: {
    electionId: { name: 'election_id', type: 'uuid', primary: true },
    voterPartyId: { name: 'voter_party_id', type: 'text', primary: true },
    nominationId: { name: 'nomination_id', type: 'uuid' },
    castAt: { name: 'cast_at', type: 'timestamptz' },
    castBy: { name: 'cast_by', type: 'text' },
  },
});
