import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';

/** One keep-alive connection pool per gateway for every subgraph call. */
export type SubgraphHttp = Agent;

export function createSubgraphHttp(): SubgraphHttp {
  // Connections per subgraph origin; beyond them requests queue in the pool, not in the kernel.
  return new Agent({ connections: 64, keepAliveTimeout: 30_000 });
}

export interface JsonResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** Parsed JSON when the response says it is JSON, the text otherwise. */
  body: unknown;
}

export async function postJson(http: SubgraphHttp, url: string, headers: Record<string, string>, body: string): Promise<JsonResponse> {
  const response = await http.request({ origin: new URL(url).origin, path: new URL(url).pathname, method: 'POST', headers, body });
  const text = await response.body.text();
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const type = responseHeaders.get('content-type') ?? '';
  const json = type.startsWith('application/json') || type.startsWith('application/graphql-response+json');
  return {
    status: response.statusCode,
    statusText: STATUS_CODES[response.statusCode] ?? '',
    headers: responseHeaders,
    body: json ? (JSON.parse(text) as unknown) : text,
  };
}
