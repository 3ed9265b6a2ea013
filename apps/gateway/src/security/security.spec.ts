import { buildSchema, parse, validate, specifiedRules, getIntrospectionQuery, type GraphQLError } from 'graphql';
import { DEFAULT_SECURITY_LIMITS, costLimitRule, securityLimitsFromEnv, securityValidationRules, type SecurityLimits } from './index';

// A slice of the contract, enough to build deep, wide and list-heavy queries.
const schema = buildSchema(`
  type Query { party(id: ID!): Party  parties(first: Int, after: String): [Party!]!  sscSeats: [SscSeat!]! }
  type Party { id: ID! name: String! userRoles: [String!]! engagementsAsUser: [Engagement!]! assessments: [Assessment!]! documentsReceived: [Document!]! }
  type Engagement { id: ID! user: Party! provider: Party! }
  type Assessment { id: ID! party: Party! type: String! }
  type Document { id: ID! title: String! subject: Party! }
  enum SscSeatKind { CHAIR LARGE_SUPPLIER TABASC }
  type SscSeat { kind: SscSeatKind! members: [SscMember!]! }
  type SscMember { id: ID! name: String! }
`);

function errorsFor(query: string, limits: SecurityLimits = DEFAULT_SECURITY_LIMITS): readonly GraphQLError[] {
  return validate(schema, parse(query), [...specifiedRules, ...securityValidationRules(limits)]);
}

/** The request-time cost check, as costLimitPlugin runs it with the request's variables. */
function costErrors(query: string, variables: Record<string, unknown>, limits: SecurityLimits = DEFAULT_SECURITY_LIMITS): readonly GraphQLError[] {
  return validate(schema, parse(query), [costLimitRule({ maxCost: limits.maxCost, assumedListSize: limits.assumedListSize, maxListSize: limits.maxListSize, variables })]);
}

function nest(depth: number): string {
  // party { engagementsAsUser { provider { engagementsAsUser { ... { id } } } } }
  const fields = Array.from({ length: depth }, (_, level) => (level % 2 === 0 ? 'engagementsAsUser' : 'provider'));
  return `{ party(id: "p") { ${fields.map((f) => `${f} { `).join('')}id${' }'.repeat(depth)} } }`;
}

describe('security validation rules', () => {
  it('accept ordinary operations and the introspection query GraphiQL sends', () => {
    expect(errorsFor('{ party(id: "p") { id name assessments { id type } documentsReceived { id title subject { id name } } } }')).toEqual([]);
    expect(errorsFor(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
  });

  describe('depth', () => {
    it('accepts a query at the limit and refuses one level deeper', () => {
      // Cost is not under test here: nested lists would exceed it first.
      const limits = { ...DEFAULT_SECURITY_LIMITS, maxCost: Number.MAX_SAFE_INTEGER };
      expect(errorsFor(nest(8), limits)).toEqual([]); // party + 8 levels + id = 10
      const errors = errorsFor(nest(9), limits);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(/depth limit of 10 exceeded, found 11/i);
      expect(errors[0]?.message).not.toMatch(/Syntax Error/);
      expect(errors[0]?.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('counts depth through fragments', () => {
      const query = `query { party(id: "p") { ...Deep } } fragment Deep on Party { ${nest(12).slice('{ party(id: "p") { '.length, -4)} }`;
      expect(errorsFor(query).map((e) => e.message).join()).toMatch(/depth limit of 10 exceeded/i);
    });
  });

  describe('aliases', () => {
    it('refuses more aliases than allowed', () => {
      const aliases = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}: party(id: "${i}") { id }`).join(' ');
      expect(errorsFor(`{ ${aliases(15)} }`).filter((e) => /Aliases/.test(e.message))).toEqual([]);
      const errors = errorsFor(`{ ${aliases(16)} }`);
      expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/Aliases limit of 15 exceeded, found 16/));
    });
  });

  describe('cost', () => {
    it('prices lists by their assumed size, so nested lists add up', () => {
      // parties 10 x (assessments 10 x (party (documentsReceived 10 x (subject (assessments 10 x ...))))) = 23320
      expect(errorsFor('{ parties(first: 10) { id assessments { id party { documentsReceived { id } } } } }')).toEqual([]);
      const errors = errorsFor('{ parties(first: 10) { id assessments { id party { documentsReceived { id subject { assessments { id } } } } } } }');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(/^Operation cost \d+ exceeds the limit of 5000/);
      expect(errors[0]?.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('uses a literal `first`', () => {
      expect(errorsFor('{ parties(first: 5) { id name } }')).toEqual([]);
      expect(errorsFor('{ parties(first: 2000) { id name } }', { ...DEFAULT_SECURITY_LIMITS, maxCost: 1000 })[0]?.message).toMatch(/Operation cost 1500 exceeds/);
    });

    it('counts a `first` beyond the largest page its service serves as that page (the service refuses it as BAD_USER_INPUT)', () => {
      // 500 (party-registry's MAX_PAGE) x (1 + id + name) = 1500: under the limit, so the service answers the range.
      expect(errorsFor('{ parties(first: 100000) { id name } }')).toEqual([]);
      expect(costErrors('query ($n: Int) { parties(first: $n) { id name } }', { n: 2147483647 })).toEqual([]);
      // 500 x (1 + id + name + assessments 10 x 2) = 11500: still refused for what it asks of each item.
      expect(errorsFor('{ parties(first: 100000) { id name assessments { id } } }')[0]?.message).toMatch(/Operation cost 11500 exceeds/);
    });

    it('ISSUE-11-5: counts a variable `first` at its value, and its default when not given', () => {
      const query = 'query ($n: Int) { parties(first: $n) { id name assessments { id } } }';
      // 500 parties x (1 + id + name + assessments 10 x 2) = 11500: refused although the old rule said 100 x 23.
      expect(costErrors(query, { n: 500 })[0]?.message).toMatch(/Operation cost 11500 exceeds the limit of 5000/);
      expect(costErrors(query, { n: 5 })).toEqual([]);
      expect(costErrors('query ($n: Int = 400) { parties(first: $n) { id name assessments { id } } }', {})[0]?.message).toMatch(/Operation cost 9200 exceeds/);
      // Static validation cannot see the value: it leaves the variable to the request-time check.
      expect(errorsFor(query)).toEqual([]);
    });

    it('ISSUE-11-5 R-SSC-1: prices an unpaged `parties` at the page size its service returns, and rule-bounded lists at their bound', () => {
      // parties 100 x (1 + id + assessments 10 x 2) = 2200
      expect(costErrors('{ parties { id assessments { id } } }', {})).toEqual([]);
      expect(costErrors('{ parties { id assessments { id } } }', {}, { ...DEFAULT_SECURITY_LIMITS, maxCost: 2199 })[0]?.message).toMatch(
        /Operation cost 2200 exceeds/,
      );
      // sscSeats: one per SscSeatKind (3 here); members: at most 6 per seat (R-SSC-1): 3 x (1 + kind + 6 x 3) = 60
      expect(costErrors('{ sscSeats { kind members { id name } } }', {}, { ...DEFAULT_SECURITY_LIMITS, maxCost: 59 })[0]?.message).toMatch(
        /Operation cost 60 exceeds/,
      );
    });

    it('counts aliased copies of a costly field', () => {
      const one = 'parties(first: 50) { id assessments { id } }';
      expect(errorsFor(`{ a: ${one} }`)).toEqual([]);
      const many = Array.from({ length: 6 }, (_, i) => `a${i}: ${one}`).join(' ');
      expect(errorsFor(`{ ${many} }`).map((e) => e.message)).toContainEqual(expect.stringMatching(/Operation cost \d+ exceeds/));
    });

    it('follows fragments and inline fragments', () => {
      const query = `{ parties(first: 100) { ...P } } fragment P on Party { id ... on Party { assessments { id documentsReceived: party { documentsReceived { id } } } } }`;
      expect(errorsFor(query).map((e) => e.message)).toContainEqual(expect.stringMatching(/Operation cost \d+ exceeds/));
    });
  });

  describe('securityLimitsFromEnv', () => {
    it('reads overrides and refuses nonsense', () => {
      expect(securityLimitsFromEnv({ GRAPHQL_MAX_DEPTH: '7' }).maxDepth).toBe(7);
      expect(securityLimitsFromEnv({})).toEqual(DEFAULT_SECURITY_LIMITS);
      expect(() => securityLimitsFromEnv({ GRAPHQL_MAX_COST: '-1' })).toThrow(/GRAPHQL_MAX_COST must be a positive integer/);
    });
  });
});
