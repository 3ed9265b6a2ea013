import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, print, validate, buildSchema, type OperationDefinitionNode } from 'graphql';
import * as client from './index';
import { GatewayError, request } from './request';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CONTRACT_DIR = process.env.SEC_ASSURE_CONTRACT_DIR ?? path.resolve(ROOT, '..', 'shared', 'contract');
const OPERATIONS_DIR = path.join(CONTRACT_DIR, 'operations');

function contractOperationNames(): string[] {
  return fs
    .readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .flatMap((f) => parse(fs.readFileSync(path.join(OPERATIONS_DIR, f), 'utf8')).definitions)
    .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((d) => d.name?.value ?? '');
}

describe('@sec-assure/client', () => {
  it('contract (operations): has a typed document for every contract operation, valid against the published API schema', () => {
    const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'apps/gateway/api-schema.graphql'), 'utf8'));
    const exported = client as unknown as Record<string, unknown>;
    const names = contractOperationNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const document = exported[`${name}Document`];
      expect({ name, found: document !== undefined }).toEqual({ name, found: true });
      expect(validate(schema, document as never).map((e) => `${name}: ${e.message}`)).toEqual([]);
    }
  });

  it('contract (operations): sends the operation with its variables and the bearer token, returns typed data', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ data: { party: null } }), { status: 200 });
    }) as unknown as typeof fetch;

    const data = await request(client.PartyOverviewDocument, { id: 'p-1' }, { url: 'http://gw/graphql', token: 't', fetch: fakeFetch });

    expect(data.party).toBeNull();
    const sent = JSON.parse(String(calls[0]?.init.body)) as { query: string; variables: unknown };
    expect(sent).toEqual({ query: print(client.PartyOverviewDocument), variables: { id: 'p-1' } });
    expect((calls[0]?.init.headers as Record<string, string>)['authorization']).toBe('Bearer t');
  });

  it('contract (errors): a response with errors is thrown with its extensions.code', async () => {
    const fakeFetch = (async () =>
      new Response(JSON.stringify({ data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }), {
        status: 200,
      })) as unknown as typeof fetch;
    const failure = request(client.PartyOverviewDocument, { id: 'p-1' }, { url: 'http://gw/graphql', fetch: fakeFetch });
    await expect(failure).rejects.toBeInstanceOf(GatewayError);
    await expect(failure).rejects.toThrow('FORBIDDEN: no');
  });
});

// Compile-time checks (run by the typecheck target): wrong variables or fields do not compile.
export async function typeChecks(options: client.GatewayOptions): Promise<void> {
  const overview = await request(client.PartyOverviewDocument, { id: 'p-1', asOf: '2026-01-01' }, options);
  const name: string | undefined = overview.party?.name;
  void name;
  // @ts-expect-error `id` is required
  await request(client.PartyOverviewDocument, {}, options);
  // @ts-expect-error the operation does not select `secret`
  void overview.party?.secret;
}
