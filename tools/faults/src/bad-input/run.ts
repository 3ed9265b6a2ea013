import fc from 'fast-check';
import { badValue } from './values';
import { MUTATIONS, replaceAt, type Caller, type Fixture, type MutationUnderTest } from './mutations';

/** What a bad input may be answered with: the contract's codes and its domain codes (contract.graphql). */
export const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT',
  'SRP_ALREADY_ASSESSED_THIS_YEAR', 'NOMINATION_INELIGIBLE', 'VOTER_NOT_ELIGIBLE', 'ALREADY_VOTED', 'IMPARTIALITY_NOT_DECLARED',
]);
/** Longer than this, a message is an echo of the input rather than something a person reads. */
const MAX_MESSAGE = 1000;
/** The gateway's default GATEWAY_MAX_BODY_BYTES. */
const BODY_LIMIT = 8 * 1024 * 1024;

export interface Answer {
  status: number;
  /** Set when the body was not JSON (e.g. an HTML page from the HTTP layer): its first characters. */
  nonJson?: string;
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

export interface BadInputTarget {
  /** Sends one operation through the gateway as `caller` (default SECAS_ADMIN; a PARTY_USER of `party`). */
  send: (query: string, variables: Record<string, unknown>, caller?: Caller, party?: string) => Promise<Answer>;
  /** Rows in every service's outbox: what was stored and will be published. */
  outboxRows: () => Promise<number>;
  /** True when the gateway reports every subgraph ready. */
  healthy: () => Promise<boolean>;
}

export interface BadInputRow {
  mutation: string;
  runs: number;
  refused: Record<string, number>;
  accepted: number;
  serverErrors: number;
  /** Bodies over the gateway's 8 MiB limit: refused by the HTTP layer (413 page or a closed connection), not as a GraphQL error. */
  overBodyLimit: number;
  /**
   * Known gateway defect, reported rather than fixed here (apps/gateway has another owner): its
   * variable coercion (graphql-js) quotes a refused value in full, so a 6 MiB string comes back as a
   * 12 MB message. The subgraphs shorten theirs (libs/service shortenEchoedValues); the gateway
   * needs the same `formatError`.
   */
  gatewayEchoes: number;
  unclean: string[];
  /** Outbox rows written while this mutation was probed (after the system settled). */
  outboxRows: number;
}

/** Why an answer is not a clean refusal, or null. Accepted inputs are counted, not judged here. */
function uncleanness(answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (answer.nonJson !== undefined) return `HTTP ${answer.status} answered ${JSON.stringify(answer.nonJson)}`;
  const errors = answer.errors ?? [];
  if (errors.length === 0) return answer.status === 200 ? null : `HTTP ${answer.status} without an error`;
  for (const e of errors) {
    const code = e.extensions?.code ?? '(none)';
    if (!CONTRACT_CODES.has(code)) return `code ${code}: ${e.message.slice(0, 200)}`;
    if (!e.message || e.message.length > MAX_MESSAGE) return `${code} with a message of ${e.message.length} characters`;
    if (/^Unexpected error|Internal server error|QueryFailedError|at \w+ \(/i.test(e.message)) return `${code} says: ${e.message.slice(0, 200)}`;
  }
  return null;
}

/** Sends `runs` generated bad inputs (fixed seed) to one mutation and counts the answers. */
export async function probeMutation(target: BadInputTarget, mutation: MutationUnderTest, fixture: Fixture, runs: number, seed: number): Promise<BadInputRow> {
  const cases = fc.sample(
    fc.tuple(fc.constantFrom(...mutation.fields), badValue, fc.option(fc.tuple(fc.constantFrom(...mutation.fields), badValue), { freq: 4 })),
    { numRuns: runs, seed },
  );
  const row: BadInputRow = { mutation: mutation.name, runs, refused: {}, accepted: 0, serverErrors: 0, overBodyLimit: 0, gatewayEchoes: 0, unclean: [], outboxRows: 0 };
  for (const [i, [path, value, second]] of cases.entries()) {
    let variables = replaceAt(mutation.base(fixture, i), path, value);
    if (second) variables = replaceAt(variables, second[0], second[1]);
    const answer = await target.send(mutation.query, variables, mutation.caller, fixture.partyId);
    if (answer.status >= 500) row.serverErrors++;
    // The gateway's body limit answers before GraphQL does: 413 (an HTML page today) or, while the
    // client is still sending, a closed connection. Counted apart; never a 5xx.
    if (JSON.stringify(variables).length > BODY_LIMIT && (answer.status === 413 || answer.status === 0)) {
      row.overBodyLimit++;
      continue;
    }
    const first = answer.errors?.[0];
    if (first?.extensions?.code === 'BAD_USER_INPUT' && first.message.length > MAX_MESSAGE && first.message.startsWith('Variable "$')) {
      row.gatewayEchoes++;
      continue;
    }
    const problem = uncleanness(answer);
    if (problem) {
      if (row.unclean.length < 10) row.unclean.push(`${path.join('.')}=${JSON.stringify(value)?.slice(0, 80)}: ${problem}`);
      continue;
    }
    const code = answer.errors?.[0]?.extensions?.code;
    if (code) row.refused[code] = (row.refused[code] ?? 0) + 1;
    else row.accepted++;
  }
  return row;
}

export interface BadInputReport {
  rows: BadInputRow[];
  healthyAfter: boolean;
  seconds: number;
}

/** Outbox rows once consumers' reactions to earlier changes have landed (two equal reads in a row). */
async function settledOutboxRows(target: BadInputTarget): Promise<number> {
  let last = await target.outboxRows();
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await target.outboxRows();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** Records what every probe needs to exist: a party with a role, a document issued to it, an open election (`electionId` when one is open already). */
export async function createFixture(target: BadInputTarget, label: string, electionId?: string): Promise<Fixture> {
  const must = async (query: string, variables: Record<string, unknown>, caller?: Caller): Promise<Record<string, { id: string }>> => {
    // The party reaches the other services through Kafka: on a busy machine that takes a moment.
    for (let attempt = 0; ; attempt++) {
      const answer = await target.send(query, variables, caller);
      if (!answer.errors?.length && answer.data) return answer.data as Record<string, { id: string }>;
      if (attempt >= 300 || answer.errors?.[0]?.extensions?.code !== 'NOT_FOUND') throw new Error(`fixture: ${JSON.stringify(answer.errors)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const party = await must('mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
    input: { name: `Probe supplier ${label}`, userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 300000 },
  });
  const partyId = party.registerParty!.id;
  const document = await must('mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }', {
    input: { subjectPartyId: partyId, kind: 'ASSESSMENT_REPORT', title: 'Probe fixture report', content: 'Findings' },
  }, 'USER_CIO');
  if (electionId !== undefined) return { partyId, documentId: document.issueDocument!.id, electionId };
  const existing = await target.send('mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "2030-01-06", closesOn: "2030-02-03") { id } }', {});
  const opened = (existing.data as { openElection?: { id: string } } | null)?.openElection?.id ?? '6f1c2a7e-0000-4000-8000-0000000000e1';
  return { partyId, documentId: document.issueDocument!.id, electionId: opened };
}

export async function probeAll(target: BadInputTarget, fixture: Fixture, runs: number, seed = 12): Promise<BadInputReport> {
  const started = Date.now();
  const rows: BadInputRow[] = [];
  // One mutation's settled count after is the next one's before (nothing runs in between).
  let before = await settledOutboxRows(target);
  for (const mutation of MUTATIONS) {
    const row = await probeMutation(target, mutation, fixture, runs, seed);
    const after = await settledOutboxRows(target);
    row.outboxRows = after - before;
    before = after;
    rows.push(row);
  }
  return { rows, healthyAfter: await target.healthy(), seconds: Math.round((Date.now() - started) / 1000) };
}

export function formatBadInput(report: BadInputReport): string {
  const lines = [
    '| mutation | inputs | refused (by code) | over 8 MiB (HTTP 413) | gateway echoes input | accepted | outbox rows | 5xx | unclean |',
    '|---|---|---|---|---|---|---|---|---|',
    ...report.rows.map(
      (r) =>
        `| ${r.mutation} | ${r.runs} | ${Object.entries(r.refused).map(([c, n]) => `${c} ${n}`).join(', ')} | ${r.overBodyLimit} | ${r.gatewayEchoes} | ${r.accepted} | ${r.outboxRows} | ${r.serverErrors} | ${r.unclean.length} |`,
    ),
    '',
    `healthy after: ${report.healthyAfter}; ${report.seconds} s`,
    ...report.rows.flatMap((r) => r.unclean.map((u) => `unclean ${r.mutation}: ${u}`)),
  ];
  return lines.join('\n');
}

/** POSTs one operation to the gateway; a body that is not JSON is kept as text, not thrown. */
export async function postGraphQL(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    return { status: 0, nonJson: `no answer: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}` };
  }
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as object) };
  } catch {
    return { status: response.status, nonJson: text.slice(0, 60) };
  }
}
