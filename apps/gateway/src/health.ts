import type { SubgraphEndpoint } from './config';

export interface GatewayHealth {
  status: 'ok' | 'unhealthy';
  subgraphs: Record<string, { ok: boolean; status?: number; error?: string }>;
  unhealthy: string[];
}

/** 200 only when every subgraph answers its own /health with 200. */
export async function checkSubgraphs(subgraphs: SubgraphEndpoint[], timeoutMs = 2000): Promise<GatewayHealth> {
  const results = await Promise.all(
    subgraphs.map(async ({ name, healthUrl }) => {
      try {
        const response = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
        return [name, { ok: response.status === 200, status: response.status }] as const;
      } catch (error) {
        return [name, { ok: false, error: (error as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable' }] as const;
      }
    }),
  );
  const unhealthy = results.filter(([, r]) => !r.ok).map(([name]) => name);
  return { status: unhealthy.length ? 'unhealthy' : 'ok', subgraphs: Object.fromEntries(results), unhealthy };
}
