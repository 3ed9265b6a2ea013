import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { createServiceMetrics, metricsPlugin, mountMetricsRoute, operationLabel } from './metrics';

describe('service metrics', () => {
  it('operations (metrics): counts and times each operation by its root fields, errors apart', async () => {
    const metrics = createServiceMetrics('test-service');
    const apollo = new ApolloServer({
      typeDefs: 'type Query { party: String, broken: String }',
      resolvers: { Query: { party: () => 'p', broken: () => { throw new Error('no'); } } },
      plugins: [metricsPlugin(metrics)],
    });
    await apollo.executeOperation({ query: 'query MyChosenName { party }' });
    await apollo.executeOperation({ query: '{ broken }' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('graphql_operations_total{operation="Query.party",outcome="ok",service="test-service"} 1');
    expect(text).toContain('graphql_operations_total{operation="Query.broken",outcome="error",service="test-service"} 1');
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{[^}]*operation="Query\.party"[^}]*\} 1/);
    expect(text).not.toContain('MyChosenName');
  });

  it('operations (metrics): the label is bounded by the schema (root fields), not the client', () => {
    const [definition] = parse('mutation X { b: registerParty a: endEngagement }').definitions;
    expect(operationLabel(definition as never)).toBe('Mutation.endEngagement,Mutation.registerParty');
  });

  it('operations (metrics): /metrics answers an operator in Prometheus text and refuses a relayed caller', async () => {
    const metrics = createServiceMetrics('test-service');
    const app = express();
    mountMetricsRoute(app, metrics, undefined);
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    try {
      const local = await fetch(url);
      expect(local.status).toBe(200);
      expect(local.headers.get('content-type')).toContain('text/plain');
      const text = await local.text();
      expect(text).toContain('process_cpu_seconds_total');
      // Sampled every EVENT_LOOP_SAMPLE_MS rather than prom-client's 10 ms, and still reported.
      expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds\{[^}]*\} \d/m);
      const relayed = await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(relayed.status).toBe(403);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
