// The consumer's development fault point, as the relay's (outbox/relay.ts relayFaultFromEnv): the
// fault harness (tools/faults) kills a consumer inside a fetched batch with it. A batch is one
// database transaction of a few milliseconds, so a kill from outside lands before or after it,
// never inside. With SEC_ASSURE_DEV=true and SEC_ASSURE_CONSUMER_FAULT=kill-mid-batch:<k>[:<consumer>]
// the process SIGKILLs itself once it has handled k events of a batch of more than k, inside the
// batch's open transaction: none of the batch is committed, no offset moves. Ignored anywhere else.

export interface ConsumerFault {
  /** Events of the batch handled (in its transaction) before the kill; the batch must hold more. */
  afterEvents: number;
  /** Only this consumer (its processed_event name); any consumer of the process when unset. */
  consumerName?: string;
}

/** Where the fault point struck: what the harness reads back to prove the kill was inside a batch. */
export interface ConsumerFaultStrike {
  consumerName: string;
  topic: string;
  partition: number;
  /** Events of the batch handled before the kill, none of them committed. */
  handled: number;
  /** Events in the batch. */
  batch: number;
  /** Event ids handled inside the transaction the kill cut short. */
  eventIds: string[];
  firstOffset: string;
  lastOffset: string;
}

const FAULT = /^kill-mid-batch:([1-9]\d{0,3})(?::([A-Za-z0-9._-]+))?$/;

export function consumerFaultFromEnv(env: NodeJS.ProcessEnv): ConsumerFault | undefined {
  if (env.SEC_ASSURE_DEV !== 'true') return undefined;
  const match = FAULT.exec(env.SEC_ASSURE_CONSUMER_FAULT ?? '');
  if (!match) return undefined;
  return { afterEvents: Number(match[1]), ...(match[2] === undefined ? {} : { consumerName: match[2] }) };
}

/** The line the fault point writes to stderr before the kill (synchronous for a pipe or a file). */
export function formatStrike(strike: ConsumerFaultStrike): string {
  return `consumer fault point: ${JSON.stringify(strike)}`;
}

/** The strikes in a process's stderr. */
export function parseStrikes(stderr: string): ConsumerFaultStrike[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('consumer fault point: '))
    .map((line) => JSON.parse(line.slice('consumer fault point: '.length)) as ConsumerFaultStrike);
}

/** SIGKILL, as a crash: no rollback sent, no group leave, no offset commit. */
export async function killThisProcess(strike: ConsumerFaultStrike): Promise<never> {
  process.stderr.write(`${formatStrike(strike)}\n`);
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is not delivered synchronously everywhere: never reach the commit.
  return new Promise<never>(() => undefined);
}
