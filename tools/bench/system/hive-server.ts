/**
 * Hive Gateway on the same supergraph and subgraphs as ours, for the benchmark's comparison column.
 * Run as its own process by `hive.ts` (so its RSS and CPU are its own):
 *   node --import tsx tools/bench/system/hive-server.ts <hive cache dir> <port> <subgraph urls as JSON>
 * Hive is loaded from the cache dir (installed on demand there, never a project dependency). A small
 * plugin does what our gateway does before each subgraph call: verify the bearer token (the same
 * verifier, with the same reuse of a verification) and sign the same internal identity for that
 * subgraph and the exact query and variables sent. Hive's in-flight deduplication follows
 * BENCH_HIVE_DEDUP: `default` (its default: identical subgraph calls shared, whole requests not),
 * `off` (neither), `all` (both, as our gateway shares whole answers and subgraph calls).
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
  authConfigFromEnv,
  authenticateBearer,
  createTokenVerifier,
  INTERNAL_IDENTITY_HEADER,
  internalIdentitySigningKeyFromEnv,
  signInternalIdentity,
  type Caller,
} from '@sec-assure/auth';

interface FetchHookPayload {
  url: string;
  options: { body?: unknown; headers?: Record<string, string> };
  setOptions: (options: { body?: unknown; headers?: Record<string, string> }) => void;
  context: { request?: Request; benchCaller?: Promise<Caller> };
}

interface HiveRuntime {
  createGatewayRuntime: (config: Record<string, unknown>) => (req: unknown, res: unknown) => void;
}

const [cacheDir, portText, urlsJson] = process.argv.slice(2);
if (!cacheDir || !portText || !urlsJson) throw new Error('usage: hive-server.ts <cache dir> <port> <subgraph urls JSON>');
const urls = JSON.parse(urlsJson) as Record<string, string>;
const hive = createRequire(path.join(cacheDir, 'package.json'))('@graphql-hive/gateway-runtime') as HiveRuntime;

// The committed supergraph, pointed at the benchmark's subgraphs (its urls are the local defaults).
const supergraph = readFileSync(path.resolve(__dirname, '../../../apps/gateway/supergraph.graphql'), 'utf8').replace(
  /@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g,
  (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole),
);
const subgraphOf = new Map(Object.entries(urls).map(([name, url]) => [url, name]));
const auth = authConfigFromEnv({ SEC_ASSURE_DEV: 'true' });
const verify = createTokenVerifier(auth);
// The same reuse of a verification as our gateway (apps/gateway/src/verified-tokens.ts), simplified.
const verified = new Map<string, Promise<Caller>>();
const callerOf = (authorization: string | null): Promise<Caller> => {
  const key = authorization ?? '';
  let caller = verified.get(key);
  if (!caller) {
    caller = authenticateBearer(authorization ?? undefined, verify);
    caller.catch(() => verified.delete(key));
    verified.set(key, caller);
  }
  return caller;
};
const identityKey = internalIdentitySigningKeyFromEnv({ SEC_ASSURE_DEV: 'true' });

const identityPlugin = {
  async onFetch({ url, options, setOptions, context }: FetchHookPayload): Promise<void> {
    const subgraph = subgraphOf.get(url);
    if (!subgraph || typeof options.body !== 'string' || !context.request) return;
    const caller = await callerOf(context.request.headers.get('authorization'));
    const { query, variables } = JSON.parse(options.body) as { query: string; variables?: Record<string, unknown> };
    const correlationId = crypto.randomUUID();
    const identity = await signInternalIdentity(caller, correlationId, identityKey, { subgraph, operation: { query, variables: variables ?? null } });
    setOptions({ ...options, headers: { ...options.headers, [INTERNAL_IDENTITY_HEADER]: identity, 'x-correlation-id': correlationId } });
  },
};

const dedup = process.env.BENCH_HIVE_DEDUP ?? 'default';
if (!['default', 'off', 'all'].includes(dedup)) throw new Error(`BENCH_HIVE_DEDUP must be default, off or all, not ${dedup}`);
const gateway = hive.createGatewayRuntime({
  supergraph,
  ...(dedup === 'off' ? { transportEntries: { '*': { options: { deduplicateInflightRequests: false } } } } : {}),
  ...(dedup === 'all' ? { inboundInflightRequestDeduplication: true } : {}),
  plugins: () => [identityPlugin],
  logging: 'error',
  landingPage: false,
  graphqlEndpoint: '/graphql',
});
// A normal exit on SIGTERM, so --cpu-prof writes its profile.
process.once('SIGTERM', () => process.exit(0));
createServer(gateway).listen(Number(portText), '127.0.0.1', () => console.error(`hive gateway on ${portText}`));
