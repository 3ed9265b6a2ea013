import { DEFAULT_MIX, DEFAULT_PARTY_COUNT, demoPopulation, mixFor, parseSeedArgs } from './population';

describe('demo population', () => {
  const population = demoPopulation();

  it('has the default mix: 3 providers, 40 small and 6 large suppliers, 4 network parties, 5 other users', () => {
    const count = (kind: string) => population.parties.filter((p) => p.kind === kind).length;
    expect({ provider: count('provider'), smallSupplier: count('smallSupplier'), largeSupplier: count('largeSupplier'), network: count('network'), otherUser: count('otherUser') }).toEqual(DEFAULT_MIX);
    expect(population.parties).toHaveLength(DEFAULT_PARTY_COUNT);
  });

  it('is the same on every run (the seeder recognises its parties by name)', () => {
    expect(demoPopulation()).toEqual(population);
  });

  it('R-PREM-3: small suppliers start at or below 250,000 premises, large ones above', () => {
    for (const p of population.parties) {
      if (p.kind === 'smallSupplier') expect(p.premises[0]!.count).toBeLessThanOrEqual(250_000);
      if (p.kind === 'largeSupplier') expect(p.premises[0]!.count).toBeGreaterThan(250_000);
    }
  });

  it('is valid for the register: unique names, whole counts, one count per date, engagements the register accepts', () => {
    const names = population.parties.map((p) => p.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const p of population.parties) {
      expect(new Set(p.premises.map((x) => x.effectiveFrom)).size).toBe(p.premises.length);
      for (const x of p.premises) expect(Number.isInteger(x.count) && x.count >= 0).toBe(true);
    }
    const byName = new Map(population.parties.map((p) => [p.name, p]));
    expect(population.engagements.length).toBeGreaterThan(10);
    for (const e of population.engagements) {
      expect(byName.get(e.userName)?.userRoles.length).toBeGreaterThan(0);
      expect(population.resources.some((r) => r.providerName === e.providerName && r.name === e.resourceName)).toBe(true);
      if (e.endDate) expect(e.endDate >= e.startDate).toBe(true);
      const same = population.engagements.filter((o) => o !== e && o.userName === e.userName && o.resourceName === e.resourceName && o.providerName === e.providerName);
      for (const o of same) expect((e.endDate !== null && e.endDate < o.startDate) || (o.endDate !== null && o.endDate < e.startDate)).toBe(true);
    }
  });

  it('R-SRP-7: includes late and missing SSC notifications for the report to show', () => {
    const notifications = population.engagements.flatMap((e) => [e.userNotifiedSscOn, e.providerNotifiedSscOn]);
    expect(notifications).toContain(null);
  });

  it('scales to a benchmark size in the same proportions', () => {
    const big = demoPopulation({ parties: 10_000 });
    expect(big.parties).toHaveLength(10_000);
    expect(new Set(big.parties.map((p) => p.name.toLowerCase())).size).toBe(10_000);
    expect(mixFor(10_000).provider).toBe(Math.floor((3 * 10_000) / DEFAULT_PARTY_COUNT));
  });
});

describe('seed arguments', () => {
  it('reads size, concurrency and gateway, with GATEWAY_URL as the default gateway', () => {
    expect(parseSeedArgs([], { GATEWAY_URL: 'http://gw/graphql' })).toEqual({ parties: DEFAULT_PARTY_COUNT, concurrency: 8, gatewayUrl: 'http://gw/graphql' });
    expect(parseSeedArgs(['--parties', '10000', '--concurrency', '16'], {})).toMatchObject({ parties: 10_000, concurrency: 16, gatewayUrl: 'http://127.0.0.1:4000/graphql' });
  });

  it('refuses what it cannot use, saying how', () => {
    expect(() => parseSeedArgs(['--parties', 'many'], {})).toThrow('--parties needs a whole number');
    expect(() => parseSeedArgs(['--size', '3'], {})).toThrow('unknown argument --size');
  });
});
