import { EntitySchema } from 'typeorm';
import type { SscSeatKind } from '@sec-assure/rules';

export interface MemberRow {
  id: string;
  electionId: string;
  name: string;
  seatKind: SscSeatKind;
  partyId: string | null;
  impartialityDeclared: boolean;
  termEndsOn: string;
  appointedAt: Date;
  appointedBy: string;
  /** The later member who took over this seat while this term still ran; null while not superseded. */
  supersededBy: string | null;
}

export const MemberEntity = new EntitySchema<MemberRow>({
  name: 'SscMember',
  tableName: 'ssc_member',
  columns: {
    id: { type: 'uuid', primary: true },
    electionId: { name: 'election_id', type: 'uuid', unique: true },
    name: { type: 'text' },
    seatKind: { name: 'seat_kind', type: 'text' },
    partyId: { name: 'party_id', type: 'text', nullable: true },
    impartialityDeclared: { name: 'impartiality_declared', type: 'boolean' },
    termEndsOn: { name: 'term_ends_on', type: 'date' },
    appointedAt: { name: 'appointed_at', type: 'timestamptz' },
    appointedBy: { name: 'appointed_by', type: 'text' },
    supersededBy: { name: 'superseded_by', type: 'uuid', nullable: true },
  },
});
