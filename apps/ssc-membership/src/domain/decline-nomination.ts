import { badInput } from '@sec-assure/rules';

export interface DeclineNominationRequest {
  nominationId: string;
  reason: string;
}

/** R-SSC-2: what the rules require before declineNomination changes anything (plain function, typed refusals). */
export function decideDeclineNomination(request: DeclineNominationRequest): DeclineNominationRequest {
  const reason = request.reason.trim();
  if (reason === '') throw badInput('reason', 'must say why (R-SSC-2)');
  return { ...request, reason };
}
