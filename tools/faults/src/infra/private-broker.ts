// A Kafka broker of the harness's own (tools/kafka/kafka.sh on its own port and data directory):
// killing it never touches the broker other tests share. Its JVM compiles with C1 only
// (-XX:TieredStopAtLevel=1): it starts about a third faster on a busy 2-core machine (20 and 24 s
// against 29 and 35 s measured), and it is started twice per run.
//
// After a SIGKILL the KRaft controller (the same process) comes back knowing the killed
// incarnation's registration and refuses the new one (DUPLICATE_BROKER_REGISTRATION) until that
// session times out: 13 s of a 15.6 s restart with the default broker.session.timeout.ms of 9 s.
// So the restart runs the killed JVM's own command line again with a short broker session
// (2 s, heartbeats every 0.5 s): 4.5 s measured on a quiet machine.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, '..', '..', '..', 'kafka', 'kafka.sh');
const RESTART_OVERRIDES = ['--override', 'broker.session.timeout.ms=2000', '--override', 'broker.heartbeat.interval.ms=500'];

export interface PrivateBroker {
  brokers: string;
  /** SIGKILL to the broker's JVM: no clean shutdown, no flush. */
  kill(): void;
  start(): Promise<void>;
  /** The broker and its data are thrown away: SIGKILL, no clean shutdown to wait for. */
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** As tools/kafka/ready.js: the broker answers a metadata request, lists itself and knows its controller. */
async function ready(brokers: string): Promise<boolean> {
  const admin = new Kafka({ clientId: 'faults-broker-ready', brokers: [brokers], connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null && cluster.controller >= 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function privateBroker(dir: string, port: number): PrivateBroker {
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_DATA_DIR: dir, SEC_ASSURE_STATE: path.dirname(dir), KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m -XX:TieredStopAtLevel=1' };
  const script = (command: string) => run('bash', [SCRIPT, command], { env, maxBuffer: 1 << 20 });
  const pidFile = path.join(dir, 'kafka.pid');
  const brokers = `127.0.0.1:${port}`;
  const pid = (): number | undefined => {
    const n = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').trim() : NaN);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  /** The killed JVM's command line (kafka.sh's, the first time), run again by the next start. */
  let commandLine: string[] | undefined;

  const relaunch = async (argv: string[]): Promise<void> => {
    const log = fs.openSync(path.join(dir, 'broker.log'), 'a');
    // Its own session, as kafka.sh starts it: it outlives a Ctrl-C in the caller's terminal.
    const child = spawn(argv[0]!, [...argv.slice(1), ...RESTART_OVERRIDES], { cwd: dir, env: process.env, detached: true, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    child.unref();
    // kafka.sh's stop finds the broker by this file (and its command line, which still matches).
    fs.writeFileSync(pidFile, String(child.pid));
    const deadline = Date.now() + 90_000;
    while (!(await ready(brokers))) {
      if (child.pid === undefined || !alive(child.pid)) throw new Error(`the restarted broker on ${port} exited; see ${path.join(dir, 'broker.log')}`);
      if (Date.now() > deadline) throw new Error(`the restarted broker on ${port} was not ready within 90 s`);
      await sleep(200);
    }
  };

  return {
    brokers,
    kill: () => {
      const victim = pid();
      if (victim === undefined) throw new Error(`no broker pid in ${pidFile}`);
      commandLine = fs.readFileSync(`/proc/${victim}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      process.kill(victim, 'SIGKILL');
    },
    start: async () => {
      if (commandLine === undefined) return void (await script('start'));
      // The killed JVM must be gone (its ports free) before the next binds them.
      const deadline = Date.now() + 10_000;
      for (let old = pid(); old !== undefined && alive(old) && Date.now() < deadline; ) await sleep(50);
      await relaunch(commandLine);
    },
    stop: async () => {
      const victim = pid();
      if (victim !== undefined && alive(victim) && fs.readFileSync(`/proc/${victim}/cmdline`, 'utf8').includes(path.join(dir, 'server.properties'))) {
        process.kill(victim, 'SIGKILL');
        for (let waited = 0; alive(victim) && waited < 10_000; waited += 50) await sleep(50);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
