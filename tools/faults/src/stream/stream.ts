// A stream of mixed mutations through the gateway, in rounds: each round registers a supplier and
// a provider with its resource, records premises, engages the resource, schedules an assessment,
// issues a document, nominates the provider's candidate and casts its vote. A step whose input
// depends on a failed step is skipped; nothing is retried, so each attempt's evidence is its own.
import type { Role } from '@sec-assure/auth';
import type { Subgraph } from '../../../bench/system/processes';
import { postGraphQL, type Answer } from '../bad-input/run';
import type { Evidence, Journal } from './journal';

export interface StreamTarget {
  gatewayUrl: string;
  token: (role: Role, partyId?: string) => Promise<string>;
}

interface Step {
  mutation: string;
  service: Subgraph;
  role: Role;
  actingFor?: string;
  query: string;
  variables: Record<string, unknown>;
  evidence: Evidence;
}

/** Sends one step, records it; returns the id the answer carries, or undefined on failure. */
async function send(target: StreamTarget, journal: Journal, step: Step, tally: { sent: number }): Promise<string | undefined> {
  tally.sent++;
  const startedAt = Date.now();
  const answer: Answer = await postGraphQL(target.gatewayUrl, await target.token(step.role, step.actingFor), step.query, step.variables);
  const data = (answer.data ?? null) as Record<string, { id?: string } | null> | null;
  const id = data?.[step.mutation]?.id;
  const ok = answer.status === 200 && !answer.errors?.length && id !== undefined;
  const failure = ok ? undefined : answer.status === 0 ? 'no answer' : answer.status >= 500 ? `HTTP ${answer.status}` : (answer.errors?.[0]?.extensions?.code ?? `HTTP ${answer.status}`);
  journal.sent.push({ mutation: step.mutation, service: step.service, evidence: step.evidence, ok, failure, status: answer.status, startedAt, endedAt: Date.now() });
  return ok ? id : undefined;
}

export interface StreamContext {
  run: string;
  electionId: string;
}

/** One round (at most nine mutations); `i` makes every name and count unique within the run. */
export async function round(target: StreamTarget, journal: Journal, ctx: StreamContext, i: number): Promise<number> {
  // Counted here: other rounds write to the journal at the same time.
  const tally = { sent: 0 };
  const tag = `${ctx.run} ${i}`;
  const supplier = await send(target, journal, {
    mutation: 'registerParty', service: 'party-registry', role: 'SECAS_ADMIN',
    query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }',
    variables: { input: { name: `Supplier ${tag}`, userRoles: ['IMPORT_SUPPLIER'], rolesEffectiveFrom: '2015-01-01', domesticPremises: 1000 + i, premisesEffectiveFrom: '2024-01-01' } },
    evidence: { type: 'PartyRegistered', contains: [`"Supplier ${tag}"`] },
  }, tally);
  const provider = await send(target, journal, {
    mutation: 'registerParty', service: 'party-registry', role: 'SECAS_ADMIN',
    query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }',
    variables: { input: { name: `Provider ${tag}`, userRoles: [], rolesEffectiveFrom: '2015-01-01' } },
    evidence: { type: 'PartyRegistered', contains: [`"Provider ${tag}"`] },
  }, tally);
  const resource = provider && (await send(target, journal, {
    mutation: 'registerSharedResource', service: 'party-registry', role: 'SECAS_ADMIN',
    query: 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }',
    variables: { input: { name: `Hub ${tag}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, optInAsProvider: true, availableFrom: '2019-01-01' } },
    evidence: { type: 'SharedResourceRegistered', contains: [`"Hub ${tag}"`] },
  }, tally));
  if (supplier) {
    await send(target, journal, {
      mutation: 'recordDomesticPremises', service: 'party-registry', role: 'SECAS_ADMIN',
      query: 'mutation($id: ID!, $c: Int!, $f: Date!) { recordDomesticPremises(partyId: $id, count: $c, effectiveFrom: $f) { id } }',
      variables: { id: supplier, c: 200_000 + i, f: '2025-01-01' },
      evidence: { type: 'DomesticPremisesRecorded', contains: [supplier, `"count":${200_000 + i}`] },
    }, tally);
  }
  if (supplier && resource) {
    await send(target, journal, {
      mutation: 'engageSharedResource', service: 'party-registry', role: 'SECAS_ADMIN',
      query: 'mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }',
      variables: { input: { userPartyId: supplier, sharedResourceId: resource, startDate: '2020-03-02', userNotifiedSscOn: '2020-03-03', providerNotifiedSscOn: '2020-03-03' } },
      evidence: { type: 'EngagementStarted', contains: [supplier, resource] },
    }, tally);
  }
  if (supplier) {
    await send(target, journal, {
      mutation: 'scheduleAssessment', service: 'assessment-scheduling', role: 'SECAS_ADMIN',
      query: 'mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }',
      variables: { input: { partyId: supplier, determinationDate: '2024-06-03', scheduledFor: '2024-09-02' } },
      evidence: { type: 'AssessmentScheduled', contains: [supplier] },
    }, tally);
    await send(target, journal, {
      mutation: 'issueDocument', service: 'report-distribution', role: 'USER_CIO',
      query: 'mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }',
      variables: { input: { subjectPartyId: supplier, kind: 'ASSESSMENT_REPORT', title: `Report ${tag}`, content: `Findings of round ${i}` } },
      evidence: { type: 'DocumentIssued', contains: [`"Report ${tag}"`] },
    }, tally);
  }
  if (provider && resource) {
    const nomination = await send(target, journal, {
      mutation: 'nominate', service: 'ssc-membership', role: 'PARTY_USER', actingFor: provider,
      query: 'mutation($input: NominationInput!) { nominate(input: $input) { id } }',
      variables: {
        input: { electionId: ctx.electionId, nomineeName: `Nominee ${tag}`, nominatingPartyId: provider, nominatorName: 'Chief Executive', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
      },
      evidence: { type: 'NominationAccepted', contains: [`"Nominee ${tag}"`] },
    }, tally);
    if (nomination) {
      await send(target, journal, {
        mutation: 'castVote', service: 'ssc-membership', role: 'PARTY_USER', actingFor: provider,
        query: 'mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }',
        variables: { e: ctx.electionId, n: nomination, v: provider },
        evidence: { type: 'VoteCast', contains: [provider] },
      }, tally);
    }
  }
  return tally.sent;
}

/** Opens the election the rounds nominate and vote in (one open at a time: R-SSC-3). */
export async function openElection(target: StreamTarget): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const closes = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const answer = await postGraphQL(target.gatewayUrl, await target.token('SECAS_ADMIN'), 'mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }', { o: today, c: closes });
  const id = (answer.data as { openElection?: { id: string } } | undefined)?.openElection?.id;
  if (!id) throw new Error(`openElection: ${JSON.stringify(answer.errors ?? answer.nonJson)}`);
  return id;
}

/**
 * Sends about `mutations` mutations in rounds, `concurrency` rounds at a time, starting at round
 * `first`; `during` runs alongside (the fault) once `faultAfter` mutations were sent.
 * Returns the next free round number.
 */
export async function runStream(
  target: StreamTarget,
  journal: Journal,
  ctx: StreamContext,
  options: { mutations: number; concurrency: number; first: number; faultAfter: number; during: () => Promise<void> },
): Promise<number> {
  let sent = 0;
  let next = options.first;
  let fault: Promise<void> | undefined;
  const worker = async (): Promise<void> => {
    while (sent < options.mutations) {
      const count = await round(target, journal, ctx, next++);
      sent += count;
      if (fault === undefined && sent >= options.faultAfter) fault = options.during();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await (fault ?? options.during());
  return next;
}
