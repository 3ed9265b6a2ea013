import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './processes';

/**
 * The run's own broker (tools/kafka/kafka.sh on its own port and data directory): the shared test
 * broker carries other runs' traffic, which every consumer of this run would also have to read.
 */
export function startOwnBroker(port: number): { brokers: string[]; stop: () => void } {
  const script = path.join(REPO, 'tools', 'kafka', 'kafka.sh');
  const env = { ...process.env, KAFKA_PORT: String(port) };
  const started = spawnSync('bash', [script, 'start'], { cwd: REPO, env, stdio: 'inherit' });
  if (started.status !== 0) throw new Error(`the run's broker on ${port} did not start (${started.status})`);
  return { brokers: [`127.0.0.1:${port}`], stop: () => void spawnSync('bash', [script, 'stop'], { cwd: REPO, env, stdio: 'inherit' }) };
}
