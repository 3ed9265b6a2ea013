// A Kafka broker of the harness's own (tools/kafka/kafka.sh on its own port and data directory):
// killing it never touches the broker other tests share. Its JVM compiles with C1 only
// (-XX:TieredStopAtLevel=1): it starts about a third faster on a busy 2-core machine (20 and 24 s
// against 29 and 35 s measured), and it is started twice per run.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, '..', '..', '..', 'kafka', 'kafka.sh');

export interface PrivateBroker {
  brokers: string;
  /** SIGKILL to the broker's JVM: no clean shutdown, no flush. */
  kill(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function privateBroker(dir: string, port: number): PrivateBroker {
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_DATA_DIR: dir, SEC_ASSURE_STATE: path.dirname(dir), KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m -XX:TieredStopAtLevel=1' };
  const script = (command: string) => run('bash', [SCRIPT, command], { env, maxBuffer: 1 << 20 });
  return {
    brokers: `127.0.0.1:${port}`,
    kill: () => {
      const pid = Number(fs.readFileSync(path.join(dir, 'kafka.pid'), 'utf8').trim());
      process.kill(pid, 'SIGKILL');
    },
    start: async () => void (await script('start')),
    stop: async () => {
      await script('stop').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
