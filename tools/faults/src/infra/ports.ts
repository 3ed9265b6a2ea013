// The harness's ports (and the test broker's, tools/bin/test.sh): the documented ones (PostgreSQL
// 55433, broker 39193-39194, system 4710-4714) when they are free, else a block the system hands
// out. A port held by something else (a listener another test was given, a broker left by a killed
// run) must not fail the run: the brokers' ports lie in the range the system gives listeners from.
import net from 'node:net';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function offeredPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The first of `count` consecutive free ports on 127.0.0.1: `preferred` if all of its run is free. */
export async function freePortRun(preferred: number, count = 1): Promise<number> {
  const tries = 20;
  for (let attempt = 0; attempt < tries; attempt++) {
    const base = attempt === 0 ? preferred : await offeredPort();
    if (base + count - 1 > 65535) continue;
    let free = true;
    for (let i = 0; i < count && free; i++) free = await isFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports on 127.0.0.1 (tried ${preferred} and ${tries - 1} ports the system offered); free some or set the FAULTS_*_PORT variables`);
}

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
