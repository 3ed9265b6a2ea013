import { Counter, type Registry } from 'prom-client';

/**
 * How queries were answered without Apollo's pipeline: `shared` (the answer of an identical request
 * in flight) or `direct` (along a direct route to one subgraph). The rest are Apollo's.
 */
export function answerPathsMetric(registry: Registry): Counter<'path'> {
  return new Counter({
    name: 'gateway_answers_without_pipeline_total',
    help: 'Queries answered without Apollo\'s request pipeline, by path: shared (an identical request\'s answer in flight), direct (one subgraph, asked exactly what the client asked) or kept (an identical earlier answer, nothing having changed since).',
    labelNames: ['path'],
    registers: [registry],
  });
}
