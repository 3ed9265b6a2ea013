import { CIO, type Answer, type GatewayClient } from './client';
import type { Subgraph } from './topology';

export type MutationKind = 'registerParty' | 'recordDomesticPremises' | 'scheduleAssessment' | 'issueDocument';

/** One mutation as the client saw it. */
export interface Outcome {
  kind: MutationKind;
  step: number;
  ok: boolean;
  /** What it names: the party registered, updated or assessed, or the document's subject. */
  partyId?: string;
  /** The new record's id (party, assessment, document). */
  id?: string;
  /** Unique per run: how a failed registerParty or issueDocument is looked for afterwards. */
  label?: string;
  code?: string;
  /** The first error's message, for the report. */
  message?: string;
  status: number;
  startedAt: number;
  at: number;
}

/** A read through the gateway right after the client's own write: did another service see it? */
export interface FreshRead {
  partyId: string;
  startedAt: number;
  at: number;
  fresh: boolean;
}

const REGISTER = 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }';
const PREMISES = 'mutation($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id } }';
const SCHEDULE = 'mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }';
const ISSUE = 'mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }';
/** party (party-registry) + nextAssessment (assessment-scheduling's projection of party-registry's events). */
/** When every assessment of a run is scheduled: how a failed scheduleAssessment is looked for afterwards. */
export const SCHEDULED_FOR = '2030-09-02';
export const NEXT_ASSESSMENT = 'query($id: ID!) { party(id: $id) { id nextAssessment { type } } }';

const codeOf = (answer: Answer): string | undefined => answer.errors?.[0]?.extensions?.code ?? (answer.errors ? 'ERROR' : undefined);

export interface StreamOptions {
  client: GatewayClient;
  run: string;
  subgraphs: readonly Subgraph[];
  seconds: number;
  concurrency: number;
  /** Called once, `atSeconds` into the stream, while the workers keep going. */
  fault: { atSeconds: number; inject: () => Promise<void> };
}

export interface StreamResult {
  outcomes: Outcome[];
  reads: FreshRead[];
  faultAt: number;
}

/**
 * Mixed mutations through the gateway for `seconds`, `concurrency` at a time: step n registers a
 * party (then reads its nextAssessment, a read-your-writes check across services); every 3rd step
 * records premises of an earlier party, every 4th schedules its assessment, every 5th (with
 * report-distribution) issues a document about it. The fault fires mid-stream.
 */
export async function runStream(options: StreamOptions): Promise<StreamResult> {
  const { client, run } = options;
  const outcomes: Outcome[] = [];
  const reads: FreshRead[] = [];
  // Parties registered so far, one queue per later use: each party gets premises, an assessment and a document from one step only.
  const queues = { premises: [] as string[], schedule: [] as string[], issue: [] as string[] };
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  let step = 0;
  let faultAt = 0;
  const today = new Date().toISOString().slice(0, 10);

  const record = (kind: MutationKind, n: number, [startedAt, answer]: [number, Answer], field: string, extra: Partial<Outcome>): Outcome => {
    const id = (answer.data?.[field] as { id?: string } | null | undefined)?.id;
    const outcome: Outcome = { kind, step: n, ok: id !== undefined && !answer.errors, id, code: codeOf(answer), message: answer.errors?.[0]?.message.slice(0, 160), status: answer.status, startedAt, at: Date.now(), ...extra };
    outcomes.push(outcome);
    return outcome;
  };
  const attempt = async (send: () => Promise<Answer>): Promise<Answer> => send().catch((error: unknown) => ({ status: 0, errors: [{ message: String(error), extensions: { code: 'NO_ANSWER' } }] }));
  const timed = async (send: () => Promise<Answer>): Promise<[number, Answer]> => [Date.now(), await attempt(send)];

  const one = async (n: number): Promise<void> => {
    const label = `Scale-out ${run} party ${n}`;
    const registered = record('registerParty', n, await timed(() => client.send(REGISTER, { input: { name: label, userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 1000 + n, premisesEffectiveFrom: '2024-01-01' } })), 'registerParty', { label });
    if (registered.ok && registered.id) {
      for (const queue of Object.values(queues)) queue.push(registered.id);
      registered.partyId = registered.id;
      const startedAt = Date.now();
      const read = await attempt(() => client.send(NEXT_ASSESSMENT, { id: registered.id }));
      const party = read.data?.party as { nextAssessment?: unknown } | null | undefined;
      reads.push({ partyId: registered.id, startedAt, at: Date.now(), fresh: party?.nextAssessment != null });
    }
    if (n % 3 === 0 && queues.premises.length > 0) {
      const partyId = queues.premises.shift()!;
      record('recordDomesticPremises', n, await timed(() => client.send(PREMISES, { partyId, count: 2000 + n, effectiveFrom: '2024-03-01' })), 'recordDomesticPremises', { partyId });
    }
    if (n % 4 === 0 && queues.schedule.length > 0) {
      const partyId = queues.schedule.shift()!;
      // Determined today (roles count from registration, and the date may not be in the future).
      record('scheduleAssessment', n, await timed(() => client.send(SCHEDULE, { input: { partyId, determinationDate: today, scheduledFor: SCHEDULED_FOR } })), 'scheduleAssessment', { partyId });
    }
    if (n % 5 === 0 && queues.issue.length > 0 && options.subgraphs.includes('report-distribution')) {
      const partyId = queues.issue.shift()!;
      const title = `Scale-out ${run} document ${n}`;
      record('issueDocument', n, await timed(() => client.send(ISSUE, { input: { subjectPartyId: partyId, kind: 'ASSESSMENT_REPORT', title, content: 'Findings: none.' } }, CIO)), 'issueDocument', { partyId, label: title });
    }
  };

  const fault = new Promise<void>((resolve, reject) => {
    setTimeout(() => {
      faultAt = Date.now();
      options.fault.inject().then(resolve, reject);
    }, options.fault.atSeconds * 1000);
  });
  const worker = async (): Promise<void> => {
    while (Date.now() < deadline) await one(step++);
  };
  await Promise.all([...Array.from({ length: options.concurrency }, worker), fault]);
  return { outcomes, reads, faultAt };
}
