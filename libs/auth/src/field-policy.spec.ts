import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { graphql, parse } from 'graphql';
import { action, emptyWhenDenied, forbiddenWhenDenied, guardResolvers, inherited, onlyItems, open, policyGaps, rolesOf, type Caller, type TypePolicy } from './index';

// A miniature subgraph with the shapes the apps have: a root read, an entity, a nested party, a
// nullable and a non-null detail, a list to filter, and a value type reached only through a check.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Party @key(fields: "id") {
    id: ID!
    name: String!
    premises: Int!
    note: String
    providers: [Party!]!
    documents: [String!]!
    users: [Party!]!
    requirement: Requirement
  }
  type Requirement { type: String! explanation: String! }
  type Query { party(id: ID!): Party  parties: [Party!]!  unguarded: String }
`);

interface Row {
  id: string;
  name: string;
  premises: number;
  note: string;
  providers: string[];
}
const ROWS: Record<string, Row> = {
  a: { id: 'a', name: 'Alpha', premises: 10, note: 'a note', providers: ['b'] },
  b: { id: 'b', name: 'Beta', premises: 20, note: 'b note', providers: [] },
};
const partyRead = action<Row>('readParty', (party) => party.id);

const policy: Record<string, TypePolicy<Row>> = {
  Query: { fields: { party: action<Row>('readParty', (_root, args) => args['id'] as string), parties: action('listParties') } },
  Party: {
    reference: open('fields are checked'),
    default: partyRead,
    fields: {
      id: open('ids'),
      name: open('names'),
      documents: emptyWhenDenied(partyRead),
      // Null means "none needed", as Party.nextAssessment's does: a silent null would say so falsely.
      requirement: forbiddenWhenDenied(partyRead),
      users: onlyItems(open('lists'), (user: Row, ctx) => user.id === ctx.caller.partyId, 'the caller itself'),
    },
  },
  Requirement: { default: inherited('reached through Party.requirement') },
};

const resolvers = {
  Query: { party: (_: unknown, { id }: { id: string }) => ROWS[id] ?? null, parties: () => Object.values(ROWS), unguarded: () => 'leak' },
  Party: {
    __resolveReference: ({ id }: { id: string }) => ROWS[id] ?? null,
    providers: (party: Row) => party.providers.map((id) => ROWS[id]),
    documents: () => ['doc-1'],
    users: () => Object.values(ROWS),
    requirement: () => ({ type: 'FULL', explanation: 'why' }),
  },
};
const schema = buildSubgraphSchema({ typeDefs, resolvers: guardResolvers('test', typeDefs, resolvers, policy) as GraphQLResolverMap<unknown> });

const partyUser = (partyId: string): Caller => ({ sub: 'u', roles: ['PARTY_USER'], partyId });
const admin: Caller = { sub: 'admin', roles: ['SECAS_ADMIN'], partyId: null };
const run = (caller: Caller, source: string, variableValues?: Record<string, unknown>) =>
  graphql({ schema, source, contextValue: { caller }, variableValues });

describe('guardResolvers', () => {
  it('R-DIST-4: of another party reached through the graph, a party user reads the id and name only', async () => {
    const result = await run(partyUser('a'), '{ party(id: "a") { premises providers { id name note } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ party: { premises: 10, providers: [{ id: 'b', name: 'Beta', note: null }] } });
  });

  it('refuses a non-null field of another party with FORBIDDEN on that path; the rest of the response stays', async () => {
    const result = await run(partyUser('a'), '{ own: party(id: "a") { name } other: party(id: "a") { providers { premises } } }');
    expect(result.data).toEqual({ own: { name: 'Alpha' }, other: null });
    expect(result.errors?.map((e) => [e.extensions['code'], e.path?.join('.')])).toEqual([['FORBIDDEN', 'other.providers.0.premises']]);
    expect(result.errors?.[0]?.message).toMatch(/Party.premises is not available to this caller: it requires readParty/);
  });

  it('refuses a root field with FORBIDDEN, never null', async () => {
    const result = await run(partyUser('a'), '{ party(id: "b") { id } }');
    expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toMatch(/^Query.party is not allowed/);
  });

  it('answers an empty list where absence is the rule, and leaves out list items the caller may not see', async () => {
    const result = await run(partyUser('a'), '{ party(id: "a") { documents users { id } providers { documents } } }');
    expect(result.data).toEqual({ party: { documents: ['doc-1'], users: [{ id: 'a' }], providers: [{ documents: [] }] } });
  });

  it('refuses a nullable field whose null has a meaning of its own with FORBIDDEN, not a silent null', async () => {
    const result = await run(partyUser('a'), '{ party(id: "a") { requirement { type } providers { id requirement { type } } } }');
    expect(result.data).toEqual({ party: { requirement: { type: 'FULL' }, providers: [{ id: 'b', requirement: null }] } });
    expect(result.errors?.map((e) => [e.extensions['code'], e.path?.join('.')])).toEqual([['FORBIDDEN', 'party.providers.0.requirement']]);
  });

  it('checks entity references too: _entities gives another party id and name only', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { id name note } } }';
    const result = await run(partyUser('a'), query, { r: [{ __typename: 'Party', id: 'b' }] });
    expect(result.data).toEqual({ _entities: [{ id: 'b', name: 'Beta', note: null }] });
  });

  it('passes what the role table grants: oversight reads every field of every party', async () => {
    const result = await run(admin, '{ parties { id premises note documents requirement { type } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.['parties']).toHaveLength(2);
  });

  it('denies a field without a rule, naming the missing policy entry', async () => {
    const result = await run(admin, '{ unguarded }');
    expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toMatch(/Query.unguarded has no authorization policy in test/);
  });
});

describe('policyGaps', () => {
  it('lists fields without a rule, and stale entries', () => {
    const gaps = policyGaps(typeDefs, { ...policy, Gone: { default: partyRead }, Query: { fields: { ...policy['Query']!.fields, old: rolesOf('listParties') } } });
    expect(gaps).toEqual({ missing: ['Query.unguarded'], stale: ['Query.old', 'Gone'] });
  });

  it('does not let an open type default cover new fields, but an inherited one does', () => {
    const openDefault = policyGaps(typeDefs, { ...policy, Requirement: { default: open('anything') } });
    expect(openDefault.missing).toEqual(['Requirement.type', 'Requirement.explanation', 'Query.unguarded']);
    expect(policyGaps(typeDefs, policy).missing).toEqual(['Query.unguarded']);
  });

  it('asks entities for a reference rule', () => {
    const { reference: _dropped, ...withoutReference } = policy['Party']!;
    expect(policyGaps(typeDefs, { ...policy, Party: withoutReference }).missing).toContain('Party.__resolveReference');
  });
});
