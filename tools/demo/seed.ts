/**
 * Builds the demo register through the gateway's GraphQL API, as an administrator would.
 * Idempotent: parties already registered (by name) are left as they are, with their resources and
 * engagements. Bulk where the API allows it with the same commands and events: fifteen registerParty
 * fields a request, the later premises counts through importDomesticPremises files. Run by `npm start` once the gateway is healthy, or by hand for a benchmark:
 *   npx tsx tools/demo/seed.ts [--parties 10000] [--concurrency 16] [--gateway http://127.0.0.1:4000/graphql]
 */
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';
import { demoPopulation, parseSeedArgs, type DemoEngagement, type DemoParty, type DemoResource } from './population';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

class GraphQLRefusal extends Error {
  constructor(readonly code: string | undefined, message: string) {
    super(message);
  }
}

function client(url: string, token: string) {
  /** The whole answer, errors included (a request of several mutations may fail in part). */
  async function raw<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-correlation-id': `demo-seed-${Date.now().toString(36)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }
  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await raw<T>(query, variables);
    const error = body.errors?.[0];
    if (error) throw new GraphQLRefusal(error.extensions?.code, error.message);
    return body.data as T;
  }
  return { raw, gql };
}

/**
 * Mutation fields per request (aliases, each still its own command and event): the gateway refuses
 * more than 15 aliases in one operation. Fewer, fuller requests: the gateway's and the seeder's
 * cost and the wait for publication are paid once for all of them.
 */
const FIELDS_PER_REQUEST = 15;
/** Parties registered per request. */
const PARTIES_PER_REQUEST = FIELDS_PER_REQUEST;
/** Premises counts per importDomesticPremises file: one command, one DomesticPremisesRecorded per count. */
const PREMISES_PER_IMPORT = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `work` over `items`, at most `concurrency` at a time, printing progress every tenth. */
async function inPool<T>(label: string, items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  if (items.length === 0) return;
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.ceil(items.length / 10));
  const started = Date.now();
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
      done += 1;
      if (done % step === 0 || done === items.length) {
        const rate = (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0);
        console.log(`[demo] ${label}: ${done}/${items.length} (${rate}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function main(): Promise<void> {
  const args = parseSeedArgs(process.argv.slice(2));
  const token = await signLocalToken(
    { sub: 'demo-seeder', roles: ['SECAS_ADMIN'], partyId: null },
    { secret: process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET, ttlSeconds: 4 * 3600 },
  );
  const { raw, gql } = client(args.gatewayUrl, token);
  const population = demoPopulation({ parties: args.parties });

  // What the register already holds, by name (compared as the register does: trimmed, case-insensitive).
  const key = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
  const existing = new Map<string, string>();
  for (let after: string | null = null; ; ) {
    const page: { parties: Array<{ id: string; name: string }> } = await gql(`query($after: String) { parties(first: 500, after: $after) { id name } }`, { after });
    for (const p of page.parties) existing.set(key(p.name), p.id);
    if (page.parties.length < 500) break;
    after = page.parties[page.parties.length - 1]!.id;
  }
  const missing = population.parties.filter((p) => !existing.has(key(p.name)));
  if (missing.length === 0) {
    console.log(`[demo] the register already holds the ${population.parties.length} demo parties; nothing to do`);
    return;
  }
  console.log(`[demo] seeding ${missing.length} of ${population.parties.length} demo parties through ${args.gatewayUrl}`);

  const ids = new Map(existing);
  const created = new Set<string>();
  // Several registerParty fields per request (aliases), run one after another by the gateway: the
  // same command and event each, a tenth of the requests. A failed field fails the whole answer
  // (registerParty is non-null), so then every party of the request is looked up by name.
  await inPool(`parties (${PARTIES_PER_REQUEST} a request)`, chunks(missing, PARTIES_PER_REQUEST), args.concurrency, async (batch: DemoParty[]) => {
    const variables = Object.fromEntries(
      batch.map((party, i) => {
        const first = party.premises[0];
        // Roles held since 2015 (R-PARTY-1), before the demo's engagements and assessments.
        return [`i${i}`, { name: party.name, userRoles: party.userRoles, rolesEffectiveFrom: '2015-01-01', domesticPremises: first?.count, premisesEffectiveFrom: first?.effectiveFrom }];
      }),
    );
    const query = `mutation(${batch.map((_, i) => `$i${i}: RegisterPartyInput!`).join(', ')}) { ${batch.map((_, i) => `p${i}: registerParty(input: $i${i}) { id }`).join(' ')} }`;
    const body = await raw<Record<string, { id: string } | null>>(query, variables);
    const failed = new Set<number>();
    for (const error of body.errors ?? []) {
      const alias = (error as { path?: unknown[] }).path?.[0];
      const at = typeof alias === 'string' ? Number(alias.slice(1)) : NaN;
      // Another seeder got there first: keep its party, add nothing to it.
      if (error.extensions?.code !== 'CONFLICT' || !Number.isInteger(at)) throw new GraphQLRefusal(error.extensions?.code, error.message);
      failed.add(at);
    }
    for (const [i, party] of batch.entries()) {
      let id = body.data?.[`p${i}`]?.id;
      if (!id) id = (await gql<{ partyByName: { id: string } | null }>(`query($n: String!) { partyByName(name: $n) { id } }`, { n: party.name })).partyByName?.id;
      if (!id) continue;
      ids.set(key(party.name), id);
      if (!failed.has(i)) created.add(key(party.name));
    }
  });

  // The later premises counts of the new parties as import files (R-PREM-1 in bulk).
  const rows = missing
    .filter((party) => created.has(key(party.name)))
    .flatMap((party) => party.premises.slice(1).map((p) => `${ids.get(key(party.name))},${p.count},${p.effectiveFrom}`));
  await inPool(`premises (${PREMISES_PER_IMPORT} an import)`, chunks(rows, PREMISES_PER_IMPORT), 1, async (chunk: string[]) => {
    const data = await gql<{ importDomesticPremises: { problemCount: number; problems: Array<{ row: number; message: string }> } }>(
      `mutation($input: ImportDomesticPremisesInput!) { importDomesticPremises(input: $input) { problemCount problems { row message } } }`,
      { input: { format: 'CSV', content: ['party,count,effectiveFrom', ...chunk].join('\n'), dryRun: false } },
    );
    const report = data.importDomesticPremises;
    if (report.problemCount > 0) throw new Error(`premises import refused: ${JSON.stringify(report.problems.slice(0, 3))}`);
  });

  const resourceIds = new Map<string, string>();
  const resourceKey = (providerName: string, resourceName: string): string => `${key(providerName)}|${key(resourceName)}`;
  const newResources = population.resources.filter((r) => created.has(key(r.providerName)));
  // Several providers' resources a request, as the parties.
  await inPool(`shared resources (${FIELDS_PER_REQUEST} a request)`, chunks(newResources, FIELDS_PER_REQUEST), args.concurrency, async (batch: DemoResource[]) => {
    const variables = Object.fromEntries(
      batch.map((resource, i) => [
        `r${i}`,
        // Available since 2019 (R-SRP-2): the demo's engagements start from 2019 on.
        { name: resource.name, scope: resource.scope, providerPartyId: ids.get(key(resource.providerName)), optInAsProvider: resource.optInAsProvider, availableFrom: '2019-01-01' },
      ]),
    );
    const data = await gql<Record<string, { id: string }>>(
      `mutation(${batch.map((_, i) => `$r${i}: RegisterSharedResourceInput!`).join(', ')}) { ${batch.map((_, i) => `r${i}: registerSharedResource(input: $r${i}) { id }`).join(' ')} }`,
      variables,
    );
    for (const [i, resource] of batch.entries()) {
      const id = data[`r${i}`]?.id;
      if (id) resourceIds.set(resourceKey(resource.providerName, resource.name), id);
    }
  });
  // Resources of providers registered by an earlier run, for new users that engage them.
  const newEngagements = population.engagements.filter((e) => created.has(key(e.userName)));
  for (const providerName of new Set(newEngagements.map((e) => e.providerName))) {
    if (created.has(key(providerName))) continue;
    const data = await gql<{ party: { sharedResources: Array<{ id: string; name: string }> } | null }>(
      `query($id: ID!) { party(id: $id) { sharedResources { id name } } }`,
      { id: ids.get(key(providerName)) },
    );
    for (const r of data.party?.sharedResources ?? []) resourceIds.set(resourceKey(providerName, r.name), r.id);
  }

  // One user's engagements in order: a switch of provider ends one before the next starts. Several
  // users a request: each request takes the next engagement of each of its users, and the next
  // the ends of those that end, so every user's steps keep their order.
  const byUser = new Map<string, DemoEngagement[]>();
  for (const e of newEngagements) {
    if (resourceIds.has(resourceKey(e.providerName, e.resourceName))) byUser.set(e.userName, [...(byUser.get(e.userName) ?? []), e]);
  }
  await inPool(`engagements (${FIELDS_PER_REQUEST} users a request)`, chunks([...byUser.values()], FIELDS_PER_REQUEST), args.concurrency, async (users: DemoEngagement[][]) => {
    for (let step = 0; ; step += 1) {
      const now = users.map((engagements) => engagements[step]).filter((e): e is DemoEngagement => e !== undefined);
      if (now.length === 0) break;
      const engaged = await gql<Record<string, { id: string }>>(
        `mutation(${now.map((_, i) => `$e${i}: EngageSharedResourceInput!`).join(', ')}) { ${now.map((_, i) => `e${i}: engageSharedResource(input: $e${i}) { id }`).join(' ')} }`,
        Object.fromEntries(
          now.map((e, i) => [
            `e${i}`,
            {
              userPartyId: ids.get(key(e.userName)),
              sharedResourceId: resourceIds.get(resourceKey(e.providerName, e.resourceName)),
              startDate: e.startDate,
              userNotifiedSscOn: e.userNotifiedSscOn,
              providerNotifiedSscOn: e.providerNotifiedSscOn,
            },
          ]),
        ),
      );
      const ends = now.flatMap((e, i) => (e.endDate ? [{ id: engaged[`e${i}`]?.id, end: e.endDate }] : []));
      if (ends.length === 0) continue;
      await gql(
        `mutation(${ends.map((_, i) => `$x${i}: ID!, $d${i}: Date!`).join(', ')}) { ${ends.map((_, i) => `x${i}: endEngagement(engagementId: $x${i}, endDate: $d${i}) { id }`).join(' ')} }`,
        Object.fromEntries(ends.flatMap((e, i) => [[`x${i}`, e.id], [`d${i}`, e.end]])),
      );
    }
  });
  console.log(`[demo] done: ${created.size} parties, ${newResources.length} shared resources, ${newEngagements.length} engagements added`);
}

main().catch((error: unknown) => {
  console.error(`[demo] seeding failed: ${(error as Error).message}`);
  process.exit(1);
});
