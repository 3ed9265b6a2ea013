import type { Caller } from '@sec-assure/auth';
import { SharedAnswers, type Answer } from './shared-answers';

const admin: Caller = { sub: 'u1', roles: ['SECAS_ADMIN'], partyId: null };
const post = (body: unknown, accept?: string) => ({ method: 'POST', body, accept });
const clean: Answer = { status: 200, headers: [['content-type', 'application/json; charset=utf-8']], body: '{"data":{"parties":[]}}' };

describe('whole answers shared by identical requests of one caller in flight', () => {
  const answers = new SharedAnswers(2000);

  it('shares queries only (a mutation is taken but never shared): no GET, no batch, nothing unparsed or ambiguous', () => {
    expect(answers.candidate(post({ query: '{ parties(first: 1) { id } }' }))).toMatchObject({ label: 'Query.parties', operationName: null, request: expect.any(String) });
    expect(answers.candidate(post({ query: 'mutation { registerParty(input: {name: "x", userRoles: []}) { id } }' }))).toMatchObject({ label: 'Mutation.registerParty', request: null });
    expect(answers.candidate(post({ query: 'subscription { parties { id } }' }))).toBeNull();
    expect(answers.candidate({ method: 'GET', body: { query: '{ parties { id } }' }, accept: undefined })).toBeNull();
    expect(answers.candidate(post([{ query: '{ parties { id } }' }]))).toBeNull();
    expect(answers.candidate(post({ query: '{ parties { id ' }))).toBeNull();
    const two = 'query A { parties { id } } mutation B { registerParty(input: {name: "x", userRoles: []}) { id } }';
    // Two operations and no name: graphql-js refuses it; a named mutation is never shared.
    expect(answers.candidate(post({ query: two }))).toBeNull();
    expect(answers.candidate(post({ query: two, operationName: 'B' }))).toMatchObject({ operationName: 'B', request: null });
    expect(answers.candidate(post({ query: two, operationName: 'A' }))).toMatchObject({ label: 'Query.parties', operationName: 'A' });
    expect(answers.candidate(post({ query: two, operationName: 'C' }))).toBeNull();
  });

  it('keys on the whole caller and everything of the request that shapes the answer', () => {
    const key = (caller: Caller, body: unknown, accept?: string): string => {
      const candidate = answers.candidate(post(body, accept));
      if (candidate === null) throw new Error('not shareable');
      const keyed = answers.keyed(candidate, caller);
      if (keyed === null) throw new Error('a mutation');
      return keyed.key;
    };
    const body = { query: 'query($n: Int) { parties(first: $n) { id } }', variables: { n: 1 } };
    expect(key(admin, body)).toBe(key({ ...admin, roles: [...admin.roles] }, { ...body }));
    expect(key({ ...admin, sub: 'u2' }, body)).not.toBe(key(admin, body));
    expect(key({ ...admin, roles: ['SSC_MEMBER'] }, body)).not.toBe(key(admin, body));
    expect(key({ sub: 'u1', roles: ['PARTY_USER'], partyId: 'p1' }, body)).not.toBe(key({ sub: 'u1', roles: ['PARTY_USER'], partyId: 'p2' }, body));
    expect(key(admin, { ...body, variables: { n: 2 } })).not.toBe(key(admin, body));
    expect(key(admin, { ...body, extensions: { x: 1 } })).not.toBe(key(admin, body));
    expect(key(admin, body, 'application/graphql-response+json')).not.toBe(key(admin, body));
  });

  it('gives a clean answer to the requests that waited for it, and runs the next one afresh', async () => {
    let release: (answer: Answer) => void = () => undefined;
    let runs = 0;
    const run = async () => {
      runs += 1;
      const answer = await new Promise<Answer>((resolve) => (release = resolve));
      return { sent: answer, answer };
    };
    expect(answers.joinable('k')).toBeUndefined();
    const first = answers.lead('k', run);
    const waiting = answers.joinable('k');
    expect(waiting).toBeDefined();
    release(clean);
    expect(await first).toBe(clean);
    expect(await waiting).toBe(clean);
    expect(answers.joinable('k')).toBeUndefined();
    expect(answers.inFlight).toBe(0);
    void answers.lead('k', run);
    expect(runs).toBe(2);
    release(clean);
  });

  it.each([
    ['an answer with errors (it names its own correlation id)', { ...clean, body: '{"errors":[{"message":"x"}],"data":null}' }],
    ['a status other than 200', { ...clean, status: 400 }],
  ])('gives waiters nothing for %s: they run on their own', async (_what, answer) => {
    const first = answers.lead('e', async () => ({ sent: answer, answer }));
    const waiting = answers.joinable('e');
    expect(await first).toBe(answer);
    expect(await waiting).toBeNull();
  });

  it('gives waiters nothing when the answer failed, and the failure to the one that ran it', async () => {
    const first = answers.lead('f', () => Promise.reject(new Error('subgraph down')));
    const waiting = answers.joinable('f');
    await expect(first).rejects.toThrow('subgraph down');
    expect(await waiting).toBeNull();
    expect(answers.joinable('f')).toBeUndefined();
  });

  it('gives waiters nothing for a streamed answer', async () => {
    const streamed = { status: 200, headers: [], body: 'stream' };
    const first = answers.lead('s', async () => ({ sent: streamed, answer: null }));
    const waiting = answers.joinable('s');
    await first;
    expect(await waiting).toBeNull();
  });
  it('shares nothing when turned off (GATEWAY_SHARE_IN_FLIGHT=false, to measure what sharing buys)', async () => {
    const off = new SharedAnswers(2000, false);
    let release: () => void = () => undefined;
    const first = off.lead('k', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { sent: clean, answer: clean };
    });
    expect(off.joinable('k')).toBeUndefined();
    release();
    expect(await first).toBe(clean);
  });
});
