import { assertNominationEligible, badInput, conflict, notFound, refusal } from '@sec-assure/rules';
import { assertOpen } from './election-state';
import type { ElectionFacts, NominationFacts, PartyFacts } from './facts';

const MAX_NAME = 200;

export interface NominationRequest {
  electionId: string;
  nomineeName: string;
  nomineeKey: string;
  nominatingPartyId: string;
  nominatorName: string;
  nominatorHoldsSeniorPosition: boolean;
  securityExpertiseConfirmed: boolean;
  bs7858ScreeningCompleted: boolean;
}

export interface NominationInputShape {
  electionId: string;
  nomineeName: string;
  nominatingPartyId: string;
  nominatorName: string;
  nominatorHoldsSeniorPosition: boolean;
  securityExpertiseConfirmed: boolean;
  bs7858ScreeningCompleted: boolean;
}

const tidy = (value: string): string => value.trim().replace(/\s+/g, ' ');

function validName(field: string, raw: string): string {
  const name = tidy(raw);
  if (name.length < 1 || name.length > MAX_NAME) throw badInput(field, `must be 1 to ${MAX_NAME} characters after trimming`);
  return name;
}

/** Names trimmed and bounded at the edge; the R-SSC-2 requirements are decided in decideNomination. */
export function validateNominationInput(input: NominationInputShape): NominationRequest {
  const nomineeName = validName('nomineeName', input.nomineeName);
  return {
    ...input,
    nomineeName,
    nomineeKey: nomineeName.toLowerCase(),
    nominatorName: validName('nominatorName', input.nominatorName),
  };
}

export interface NominationDecisionInput {
  election: ElectionFacts;
  request: NominationRequest;
  /** The nominating party from the projection of party-registry; null when unknown. */
  nominatingParty: PartyFacts | null;
  existing: readonly NominationFacts[];
}

/**
 * R-SSC-2: an OPEN election; every requirement of the rule (NOMINATION_INELIGIBLE naming the first
 * that fails); a registered nominating organisation which, for the SRP seat, is itself a Shared
 * Resource Provider (the seat represents them); one nomination per nominee and election.
 */
export function decideNomination({ election, request, nominatingParty, existing }: NominationDecisionInput): void {
  assertOpen(election, 'nominating');
  assertNominationEligible(request);
  if (nominatingParty === null) throw notFound('Party', request.nominatingPartyId);
  if (election.seatKind === 'SHARED_RESOURCE_PROVIDER' && !nominatingParty.isSharedResourceProvider) {
    throw refusal(
      'NOMINATION_INELIGIBLE',
      `Nomination refused (R-SSC-2): nominatingPartyId: party ${nominatingParty.id} is not a Shared Resource Provider; ` +
        'nominations for the SHARED_RESOURCE_PROVIDER seat are made by the providers it represents.',
      'nominatingPartyId',
    );
  }
  const duplicate = existing.find((n) => n.nomineeKey === request.nomineeKey);
  if (duplicate) {
    throw conflict(`${request.nomineeName} is already nominated in election ${election.id} (nomination ${duplicate.id})`);
  }
}
