/**
 * Node options of every service in production: the Docker image (tools/docker/Dockerfile, kept
 * equal by build.spec.ts), `npm run start:prod` and the benchmarks' production mode.
 *
 * A young generation of 2 MB semi-spaces instead of V8's default (up to 16 MB each, which a
 * service touches within seconds of starting and keeps): measured A B A B with
 * `tools/bench/flags-ab.ts` on the federated list read, RSS idle 121-131 -> 102-103 MB
 * (assessment-scheduling), 143-149 -> 123-125 MB (gateway), 123-139 -> 102-103 MB
 * (party-registry), with CPU ms per request equal within the run's noise (0.96 vs 0.98,
 * 1.30 vs 1.29, 0.33 vs 0.36): these services keep little young garbage alive across a scavenge.
 */
export const PRODUCTION_NODE_OPTIONS = '--max-semi-space-size=2';

/** The environment a production process starts with: ours first, then whatever the operator adds. */
export function productionNodeOptions(existing: string | undefined): string {
  return [PRODUCTION_NODE_OPTIONS, existing ?? ''].join(' ').trim();
}
