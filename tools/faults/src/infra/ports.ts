// The harness's ports: the documented ones (PostgreSQL 55433, broker 39193-39194, system 4710-4714)
// when they are free, else elsewhere (freePortRun): a port held by something else must not fail the run.
import { freePortRun } from '@sec-assure/events/testing';

export interface HarnessPorts {
  portBase: number;
  pgPort: number;
  kafkaPort: number;
}

/** The ports the run will use, with a line for each one that had to move. */
export async function harnessPorts(wanted: HarnessPorts, log: (line: string) => void): Promise<HarnessPorts> {
  const moved = async (name: string, port: number, count: number): Promise<number> => {
    const got = await freePortRun(port, count);
    if (got !== port) log(`${name} ${port}${count > 1 ? `-${port + count - 1} are` : ' is'} taken; using ${got}${count > 1 ? `-${got + count - 1}` : ''}`);
    return got;
  };
  // The broker needs its controller port next to it (kafka.sh: KAFKA_PORT + 1); the system five.
  return {
    kafkaPort: await moved('broker ports', wanted.kafkaPort, 2),
    pgPort: await moved('PostgreSQL port', wanted.pgPort, 1),
    portBase: await moved('system ports', wanted.portBase, 5),
  };
}
