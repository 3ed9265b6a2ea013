import { EntitySchema } from 'typeorm';

export interface NominationRow {
  id: string;
  electionId: string;
  nomineeName: string;
  /** Trimmed, lower-cased: one nomination per nominee and election. */
  nomineeKey: string;
  nominatingPartyId: string;
  nominatorName: string;
  nominatorHoldsSeniorPosition: boolean;
  securityExpertiseConfirmed: boolean;
  bs7858ScreeningCompleted: boolean;
  nominatedAt: Date;
  nominatedBy: string;
  approvedBySsc: boolean;
  approvedAt: Date | null;
  approvedBy: string | null;
  /** R-SSC-2: the SSC declined the nominee (not meeting the SEC requirements); all three set together. */
  declinedAt: Date | null;
  declinedBy: string | null;
  declineReason: string | null;
}

export const NominationEntity = new EntitySchema<NominationRow>({
  name: 'Nomination',
  tableName: 'nomination',
  columns: {
    id: { type: 'uuid', primary: true },
    electionId: { name: 'election_id', type: 'uuid' },
    nomineeName: { name: 'nominee_name', type: 'text' },
    nomineeKey: { name: 'nominee_key', type: 'text' },
    nominatingPartyId: { name: 'nominating_party_id', type: 'text' },
    nominatorName: { name: 'nominator_name', type: 'text' },
    nominatorHoldsSeniorPosition: { name: 'nominator_holds_senior_position', type: 'boolean' },
    securityExpertiseConfirmed: { name: 'security_expertise_confirmed', type: 'boolean' },
    bs7858ScreeningCompleted: { name: 'bs7858_screening_completed', type: 'boolean' },
    nominatedAt: { name: 'nominated_at', type: 'timestamptz' },
    nominatedBy: { name: 'nominated_by', type: 'text' },
    approvedBySsc: { name: 'approved_by_ssc', type: 'boolean' },
    approvedAt: { name: 'approved_at', type: 'timestamptz', nullable: true },
    approvedBy: { name: 'approved_by', type: 'text', nullable: true },
    declinedAt: { name: 'declined_at', type: 'timestamptz', nullable: true },
    declinedBy: { name: 'declined_by', type: 'text', nullable: true },
    declineReason: { name: 'decline_reason', type: 'text', nullable: true },
  },
});
