// A fixed set of reads through the gateway, as a front end makes them (contract operations with
// fixed dates), so that two systems can be compared answer for answer: before a backup and after
// its restore.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

export type Snapshot = Record<string, unknown>;

const AS_OF = '2025-06-30';

const PARTIES = `query Parties($first: Int) { parties(first: $first) { id name userRoles isSharedResourceProvider domesticPremises(asOf: "${AS_OF}") } }`;
const OVERVIEW = `query PartyOverview($id: ID!, $asOf: Date) {
  party(id: $id) {
    id name userRoles isSharedResourceProvider
    domesticPremises(asOf: $asOf)
    engagementsAsUser { id provider { id name } startDate endDate }
    engagementsAsProvider { id user { id name } startDate endDate }
    nextAssessment(asOf: $asOf) { type ruleSet category coveredCategories cyclePosition premisesUsed ruleIds explanation }
    assessments { id type state calendarYear scheduledFor assuranceStatus nextDueBy }
    documentsReceived { id kind title issuedOn subject { id name } }
  }
}`;
const LOAD = `query AssessmentLoad($year: Int!, $ruleSet: RuleSet!) { assessmentLoad(year: $year, ruleSet: $ruleSet) { year ruleSet total byType { type count } } }`;

export interface ReadOptions {
  gatewayUrl: string;
  token: string;
  /** Parties read in full (default: the first 50 the register lists). */
  partyIds?: string[];
  /**
   * Also read register-wide figures from the projections (assessmentLoad; default true). Tests on a
   * broker shared with other runs leave them out: a rebuild replays those runs' parties too.
   */
  includeLoad?: boolean;
}

async function post(options: ReadOptions, query: string, variables: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(options.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}`, 'x-correlation-id': `backup-reads-${randomUUID()}` },
    body: JSON.stringify({ query, variables }),
  });
  // Errors are part of the answer: the same error before and after is the same answer.
  return { status: response.status, ...((await response.json()) as object) };
}

/** Reads the register, each party's overview and the assessment load; one entry per read. */
export async function takeSnapshot(options: ReadOptions): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  const parties = (await post(options, PARTIES, { first: 50 })) as { data?: { parties?: Array<{ id: string }> } };
  snapshot.parties = parties;
  const ids = options.partyIds ?? (parties.data?.parties ?? []).map((p) => p.id);
  for (const id of [...ids].sort()) snapshot[`party ${id}`] = await post(options, OVERVIEW, { id, asOf: AS_OF });
  if (options.includeLoad !== false) for (const year of [2025, 2026]) snapshot[`assessmentLoad ${year}`] = await post(options, LOAD, { year, ruleSet: 'SECMP0044' });
  return snapshot;
}

export interface Comparison {
  same: string[];
  different: string[];
}

export function compareSnapshots(before: Snapshot, after: Snapshot): Comparison {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return {
    same: keys.filter((k) => isDeepStrictEqual(before[k], after[k])),
    different: keys.filter((k) => !isDeepStrictEqual(before[k], after[k])),
  };
}
