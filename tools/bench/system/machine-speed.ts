import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closedLoop } from './load';

/**
 * How fast this machine is right now, by two fixed workloads, so that runs taken at different
 * moments can be read against each other: on a shared VM the same build's figures moved by half
 * within the hour (ISSUE-13), and a figure alone cannot tell the build from the moment.
 * - `js`: a fixed piece of JavaScript (JSON in and out, a SHA-256), runs per second in this process.
 * - `http`: HTTP/1.1 requests to a peer process on loopback, one at a time (every hop between two
 *   services is one), per second and this process's CPU per request (user + system).
 */
export interface MachineSpeed {
  jsPerSecond: number;
  httpPerSecond: number;
  httpCpuUsPerRequest: number;
}

/** The peer: answers every request with a fixed 1 KB JSON body, prints its port when listening. */
const PEER = `
const http = require('node:http');
const body = Buffer.from(JSON.stringify({ data: { padding: 'x'.repeat(1000) } }));
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

/** One fixed unit of JavaScript work: what a request's handling is made of (JSON, hashing, objects). */
export function jsUnit(seed: number): string {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++) record[`field${i}`] = { id: `${seed}-${i}`, count: i * seed, tags: ['a', 'b', String(i)] };
  const text = JSON.stringify(record);
  const back = JSON.parse(text) as Record<string, { id: string }>;
  return createHash('sha256').update(text).update(back.field49?.id ?? '').digest('hex');
}

function jsPerSecond(ms: number): number {
  const end = performance.now() + ms;
  let runs = 0;
  while (performance.now() < end) {
    jsUnit(runs);
    runs += 1;
  }
  return runs / (ms / 1000);
}

async function httpRate(ms: number, warmupMs: number): Promise<{ perSecond: number; cpuUs: number }> {
  const peer = spawn(process.execPath, ['-e', PEER], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      peer.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      peer.once('exit', (code) => reject(new Error(`the machine-speed peer exited with ${code}`)));
    });
    // The benchmark's own load generator, with one connection: warmed up, then measured.
    const url = `http://127.0.0.1:${port}/graphql`;
    const request = { headers: {}, body: JSON.stringify({ query: '{ parties(first: 20) { id name } }', variables: {} }) };
    await closedLoop(url, 1, warmupMs / 1000, () => request);
    const cpu = process.cpuUsage();
    const result = await closedLoop(url, 1, ms / 1000, () => request);
    const used = process.cpuUsage(cpu);
    if (result.errors > 0) throw new Error(`the machine-speed peer answered ${result.firstError ?? 'with errors'}`);
    return { perSecond: result.requestsPerSecond, cpuUs: (used.user + used.system) / Math.max(1, result.requests) };
  } finally {
    peer.stdin.end();
    peer.kill();
  }
}

/** Both workloads, about three seconds in all. */
export async function measureMachineSpeed(): Promise<MachineSpeed> {
  const js = jsPerSecond(1000);
  const http = await httpRate(1500, 300);
  return { jsPerSecond: js, httpPerSecond: http.perSecond, httpCpuUsPerRequest: http.cpuUs };
}

export function formatMachineSpeed(label: string, speed: MachineSpeed): string {
  return `machine speed ${label}: ${Math.round(speed.jsPerSecond)} JS units/s; loopback HTTP one at a time ${Math.round(speed.httpPerSecond)} requests/s, ${Math.round(speed.httpCpuUsPerRequest)} µs CPU each`;
}
