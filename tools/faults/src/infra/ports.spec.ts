import net from 'node:net';
import { freePortRun } from '@sec-assure/events/testing';
import { harnessPorts } from './ports';

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
const close = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
const portOf = (server: net.Server): number => (server.address() as net.AddressInfo).port;

describe('the fault harness ports', () => {
  it('keeps the preferred run when all of it is free', async () => {
    // A port the system just gave out, and the one after it, are free again once closed.
    const probe = await listen(0);
    const port = portOf(probe);
    await close(probe);
    const base = await freePortRun(port, 1);
    expect(base).toBe(port);
  });

  it('moves the whole run elsewhere when any port of it is taken, and says so', async () => {
    const held = await listen(0);
    const taken = portOf(held);
    try {
      // The taken port is the second of the preferred pair: the pair must move as one.
      const lines: string[] = [];
      const ports = await harnessPorts({ kafkaPort: taken - 1, pgPort: taken, portBase: taken - 4 }, (line) => lines.push(line));
      for (const [base, count] of [[ports.kafkaPort, 2], [ports.pgPort, 1], [ports.portBase, 5]] as const) {
        expect(taken < base || taken >= base + count).toBe(true);
      }
      expect(lines).toEqual([
        `broker ports ${taken - 1}-${taken} are taken; using ${ports.kafkaPort}-${ports.kafkaPort + 1}`,
        `PostgreSQL port ${taken} is taken; using ${ports.pgPort}`,
        `system ports ${taken - 4}-${taken} are taken; using ${ports.portBase}-${ports.portBase + 4}`,
      ]);
      // What it hands out is really free: something can listen there.
      const check = await listen(ports.pgPort);
      await close(check);
    } finally {
      await close(held);
    }
  });
});
