import { Client } from 'pg';
import type { TopicName } from '@sec-assure/events';
import { SCHEDULED_FOR, type Outcome } from './stream';
import type { Subgraph } from './topology';

export type Query = (subgraph: Subgraph, sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** Queries against the run's databases (one connection per database, opened on first use). */
export function databases(nameOf: (s: Subgraph) => string): { query: Query; close: () => Promise<void>; drop: (names: string[]) => Promise<void> } {
  const clients = new Map<Subgraph, Promise<Client>>();
  const connection = (database: string): Client =>
    new Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', password: process.env.PGPASSWORD ?? '', database });
  const query: Query = async (subgraph, sql, params = []) => {
    let client = clients.get(subgraph);
    if (client === undefined) {
      const opened = connection(nameOf(subgraph));
      client = opened.connect().then(() => opened);
      clients.set(subgraph, client);
    }
    return (await (await client).query(sql, params)).rows as Array<Record<string, unknown>>;
  };
  const close = async (): Promise<void> => {
    await Promise.all([...clients.values()].map(async (c) => (await c.catch(() => null))?.end()));
    clients.clear();
  };
  const drop = async (names: string[]): Promise<void> => {
    await close();
    const admin = connection('postgres');
    await admin.connect();
    try {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  return { query, close, drop };
}

export interface OutboxRow {
  id: string;
  key: string;
  topic: TopicName;
  type: string;
  sent: boolean;
}

export async function outboxOf(query: Query, subgraph: Subgraph): Promise<OutboxRow[]> {
  const rows = await query(subgraph, 'SELECT id::text AS id, key, topic, type, sent_at IS NOT NULL AS sent FROM outbox_message ORDER BY seq');
  return rows as unknown as OutboxRow[];
}

/** Ids of the events a consumer recorded as handled (its processed_event rows). */
export async function processedBy(query: Query, subgraph: Subgraph, consumer: string): Promise<Set<string>> {
  const rows = await query(subgraph, 'SELECT event_id::text AS id FROM processed_event WHERE consumer_name = $1', [consumer]);
  return new Set(rows.map((r) => String(r.id)));
}

/** Where each kind of mutation stores its change, and how to find one the client saw fail. */
const STORED: Record<Outcome['kind'], { subgraph: Subgraph; byId: string; byOutcome: string; args: (o: Outcome) => unknown[] }> = {
  registerParty: { subgraph: 'party-registry', byId: 'SELECT 1 FROM party WHERE id = $1', byOutcome: 'SELECT 1 FROM party WHERE name = $1', args: (o) => [o.label] },
  recordDomesticPremises: {
    subgraph: 'party-registry',
    byId: "SELECT 1 FROM domestic_premises WHERE party_id = $1 AND effective_from = '2024-03-01'",
    byOutcome: "SELECT 1 FROM domestic_premises WHERE party_id = $1 AND effective_from = '2024-03-01' AND count = $2",
    args: (o) => [o.partyId, 2000 + o.step],
  },
  scheduleAssessment: { subgraph: 'assessment-scheduling', byId: 'SELECT 1 FROM assessment WHERE id = $1', byOutcome: 'SELECT 1 FROM assessment WHERE party_id = $1 AND scheduled_for = $2', args: (o) => [o.partyId, SCHEDULED_FOR] },
  issueDocument: { subgraph: 'report-distribution', byId: 'SELECT 1 FROM document WHERE id = $1', byOutcome: 'SELECT 1 FROM document WHERE title = $1', args: (o) => [o.label] },
};

export interface ClientAudit {
  sent: number;
  succeeded: number;
  failed: number;
  /** Failures by code (NO_ANSWER: the gateway did not answer). */
  failuresByCode: Record<string, number>;
  /** Succeeded as the client saw it, but not stored: a lost write. */
  succeededMissing: Outcome[];
  /** Failed as the client saw it, but stored (a request cut by the kill after its commit is one). */
  failedStored: Outcome[];
}

export async function auditOutcomes(query: Query, outcomes: readonly Outcome[]): Promise<ClientAudit> {
  const audit: ClientAudit = { sent: outcomes.length, succeeded: 0, failed: 0, failuresByCode: {}, succeededMissing: [], failedStored: [] };
  for (const o of outcomes) {
    const where = STORED[o.kind];
    if (o.ok) {
      audit.succeeded += 1;
      const key = o.kind === 'recordDomesticPremises' ? o.partyId : o.id;
      if ((await query(where.subgraph, where.byId, [key])).length === 0) audit.succeededMissing.push(o);
    } else {
      audit.failed += 1;
      const code = o.code ?? `HTTP_${o.status}`;
      audit.failuresByCode[code] = (audit.failuresByCode[code] ?? 0) + 1;
      // Found by what it would have stored: each party gets premises and an assessment from one step only.
      if ((await query(where.subgraph, where.byOutcome, where.args(o))).length > 0) audit.failedStored.push(o);
    }
  }
  return audit;
}

/** One projection compared with its source: rows of the source the projection lacks or has otherwise. */
export interface ProjectionCheck {
  name: string;
  source: Subgraph;
  projection: Subgraph;
  sourceSql: string;
  projectionSql: string;
}

export const PROJECTIONS: ProjectionCheck[] = [
  { name: 'parties in assessment-scheduling', source: 'party-registry', projection: 'assessment-scheduling', sourceSql: "SELECT id::text || '|' || name AS k FROM party", projectionSql: "SELECT id::text || '|' || name AS k FROM projected_party" },
  {
    name: 'premises in assessment-scheduling',
    source: 'party-registry',
    projection: 'assessment-scheduling',
    sourceSql: "SELECT party_id::text || '|' || effective_from::text || '|' || count AS k FROM domestic_premises",
    projectionSql: "SELECT party_id::text || '|' || effective_from::text || '|' || count AS k FROM projected_premises",
  },
  { name: 'parties in report-distribution', source: 'party-registry', projection: 'report-distribution', sourceSql: "SELECT id::text || '|' || name AS k FROM party", projectionSql: "SELECT id::text || '|' || name AS k FROM projected_party" },
  { name: 'parties in ssc-membership', source: 'party-registry', projection: 'ssc-membership', sourceSql: "SELECT id::text || '|' || name AS k FROM party", projectionSql: "SELECT id::text || '|' || name AS k FROM projected_party" },
  { name: 'assessments in report-distribution', source: 'assessment-scheduling', projection: 'report-distribution', sourceSql: "SELECT id::text || '|' || party_id AS k FROM assessment", projectionSql: "SELECT id::text || '|' || party_id AS k FROM projected_assessment" },
  {
    name: 'document copies in party-registry',
    source: 'report-distribution',
    projection: 'party-registry',
    sourceSql: "SELECT document_id::text || '|' || party_id AS k FROM document_recipient",
    projectionSql: "SELECT document_id || '|' || party_id AS k FROM issued_copy",
  },
];

/**
 * Rows of the source missing from (or different in) the projection. The projection may hold more:
 * the topics are shared with other runs, whose events it also projects.
 */
export async function projectionDiff(query: Query, check: ProjectionCheck): Promise<{ rows: number; missing: string[] }> {
  const source = (await query(check.source, check.sourceSql)).map((r) => String(r.k));
  const projected = new Set((await query(check.projection, check.projectionSql)).map((r) => String(r.k)));
  return { rows: source.length, missing: source.filter((k) => !projected.has(k)) };
}
