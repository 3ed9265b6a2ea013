import type { GraphQLSchema } from 'graphql';
import { apiSchemaOf } from '../../contract/compare';
import { loadSupergraph } from '../../../apps/gateway/src/supergraph';
import { startSystem, type RunningSystem } from './system';
import type { WalkCaller } from './walk/oracle';
import { runWalk, walkPlan } from './walk/run';
import { seedPopulation, type Population } from './walk/seed';

/**
 * Contract README §2 on every path: from every root Query field of the composed API schema, every
 * chain of object fields up to DEPTH fields long, with every seeded id as argument, asked by each
 * role and by party users of several parties. Each response is checked against what that caller may
 * see: of a party not its own, a party user sees id and name only, and never another party's
 * assessments, documents, engagements or customers (R-DIST-4, R-DEF-1), nor of its provider's
 * Event of Default recommendation the assessment's status or who raised it; the User CIO never reads
 * a party's register details ("own party or oversight"), engagements, audit trails or non-compliance
 * cases and recommendations; oversight is refused nothing.
 */
// Three fields reach every leak the contract names (party -> engagementsAsUser -> provider, party ->
// providerNonCompliance -> assessment | affectedUsers); WALK_DEPTH=4 walks one more (minutes, not seconds).
const DEPTH = Number(process.env.WALK_DEPTH ?? 3);
/** Paths per request, each on its own alias. */
const BATCH = { paths: 60 };

// The walk sends large aliased documents on purpose; the limits protect clients, not this test.
const LIMITS = {
  GRAPHQL_MAX_ALIASES: '100000',
  GRAPHQL_MAX_TOKENS: '10000000',
  GRAPHQL_MAX_COST: '1000000000',
  GRAPHQL_MAX_DEPTH: '50',
  GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
};

describe('confidentiality walk through the gateway', () => {
  let system: RunningSystem;
  let schema: GraphQLSchema;
  let population: Population;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const [name, value] of Object.entries(LIMITS)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    system = await startSystem();
    schema = apiSchemaOf(loadSupergraph());
    population = await seedPopulation(system, schema);
  });
  afterAll(async () => {
    await system?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('contract README §2, R-DIST-4, R-DEF-1: no path from any root field shows a caller what it may not see', async () => {
    const { parties } = population;
    const callers: WalkCaller[] = [
      { label: 'SECAS_ADMIN', role: 'SECAS_ADMIN' },
      { label: 'SSC_MEMBER', role: 'SSC_MEMBER' },
      { label: 'USER_CIO', role: 'USER_CIO' },
      { label: 'PARTY_USER of A (a user of provider B)', role: 'PARTY_USER', partyId: parties.A.id },
      { label: 'PARTY_USER of B (the provider)', role: 'PARTY_USER', partyId: parties.B.id },
      { label: 'PARTY_USER of D (another provider’s user)', role: 'PARTY_USER', partyId: parties.D.id },
    ];
    const plan = walkPlan(schema, population, DEPTH);
    const results = await runWalk(system, plan, callers, population, BATCH);

    const roots = new Set(plan.calls.map((c) => c.label.split('(')[0])).size;
    const lines = [
      `confidentiality walk: ${plan.paths} paths (depth ${DEPTH}, ${plan.calls.length} calls of ${roots} root fields) x ${callers.length} callers = ${plan.paths * callers.length} tried`,
      ...results.map(
        (r) =>
          `  ${r.label}: ${r.answered} answered, ${r.refusedAtRoot} refused at the root, ${r.asked} asked below it, ${r.leavesAlone} leaves asked alone, errors ${JSON.stringify(r.codes)}, ${r.findings.length} findings`,
      ),
      ...(plan.skippedRoots.length > 0 ? [`  root fields not walked (arguments unknown): ${plan.skippedRoots.join(', ')}`] : []),
      ...(population.skipped.length > 0 ? [`  not seeded: ${population.skipped.join('; ')}`] : []),
    ];
    console.log(lines.join('\n'));
    const findings = results.flatMap((r) => r.findings.map((f) => `${r.label}: ${f}`));
    expect(findings.slice(0, 40)).toEqual([]);
    // The walk reached data for every caller: a walk that only met refusals would prove nothing.
    for (const r of results) expect(r.answered).toBeGreaterThan(0);
  }, 600_000);
});
