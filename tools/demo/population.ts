// The demo register as plain data: who the parties are, their premises over the years, the shared
// resources of the providers and who engages them. Deterministic for a given size and seed, so a
// second run of the seeder recognises what the first one created.

export type DemoUserRole = 'IMPORT_SUPPLIER' | 'EXPORT_SUPPLIER' | 'GAS_SUPPLIER' | 'ELECTRICITY_DISTRIBUTOR' | 'GAS_TRANSPORTER' | 'OTHER_USER';
export type DemoScope = 'WHOLE_USER_SYSTEM' | 'PART_OF_USER_SYSTEM';
export type DemoKind = 'provider' | 'smallSupplier' | 'largeSupplier' | 'network' | 'otherUser';

export interface DemoPremises {
  count: number;
  effectiveFrom: string;
}

export interface DemoParty {
  name: string;
  kind: DemoKind;
  userRoles: DemoUserRole[];
  /** Oldest first; the first one is given at registration. */
  premises: DemoPremises[];
}

export interface DemoResource {
  name: string;
  scope: DemoScope;
  providerName: string;
  optInAsProvider: boolean;
}

export interface DemoEngagement {
  userName: string;
  providerName: string;
  resourceName: string;
  startDate: string;
  endDate: string | null;
  userNotifiedSscOn: string | null;
  providerNotifiedSscOn: string | null;
}

export interface DemoPopulation {
  parties: DemoParty[];
  resources: DemoResource[];
  engagements: DemoEngagement[];
}

/** The default mix: 3 providers, 40 small and 6 large suppliers, 4 network parties, 5 other users. */
export const DEFAULT_MIX: Readonly<Record<DemoKind, number>> = { provider: 3, smallSupplier: 40, largeSupplier: 6, network: 4, otherUser: 5 };
export const DEFAULT_PARTY_COUNT = Object.values(DEFAULT_MIX).reduce((a, b) => a + b, 0);

/** Small deterministic PRNG (mulberry32): the same seed always yields the same population. */
export function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many parties of each kind a population of `total` holds, in the default proportions. */
export function mixFor(total: number): Record<DemoKind, number> {
  if (!Number.isInteger(total) || total < 5) throw new Error(`a demo population needs at least 5 parties; got ${total}`);
  if (total === DEFAULT_PARTY_COUNT) return { ...DEFAULT_MIX };
  const kinds = Object.keys(DEFAULT_MIX) as DemoKind[];
  const mix = Object.fromEntries(kinds.map((k) => [k, Math.max(1, Math.floor((DEFAULT_MIX[k] * total) / DEFAULT_PARTY_COUNT))])) as Record<DemoKind, number>;
  mix.smallSupplier += total - kinds.reduce((sum, k) => sum + mix[k], 0);
  return mix;
}

const FIRST = ['Albion', 'Brightwater', 'Cobalt', 'Dunmore', 'Evergreen', 'Fenland', 'Granite', 'Highland', 'Ironbridge', 'Juniper', 'Kestrel', 'Lowther', 'Meridian', 'Northgate', 'Oakridge', 'Pennine', 'Quayside', 'Riverside', 'Severn', 'Thistle', 'Ullswater', 'Vale', 'Westmarch', 'Yarrow'];
const SECOND = ['Energy', 'Power', 'Gas & Power', 'Utilities', 'Supply', 'Home Energy', 'Renewables', 'Energy Partners'];
const PROVIDERS = ['Keystone Metering Services', 'Harbour Smart Systems', 'Lantern Data Services', 'Beacon Shared Services'];
const NETWORKS: Array<[string, DemoUserRole]> = [
  ['Northern Electricity Networks', 'ELECTRICITY_DISTRIBUTOR'],
  ['Southern Gas Transmission', 'GAS_TRANSPORTER'],
  ['Eastern Power Distribution', 'ELECTRICITY_DISTRIBUTOR'],
  ['Western Gas Networks', 'GAS_TRANSPORTER'],
];
const OTHER_USERS = ['Metering Insight', 'Tariff Analytics', 'Home Comfort Services', 'Smart Heat Co', 'Grid Balance'];

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** Adds calendar days to an ISO date (UTC arithmetic: no time zone can shift the day). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export interface PopulationOptions {
  /** Total number of parties (default 58: the default mix). */
  parties?: number;
  seed?: number;
  /** First and last year of the premises history (counts effective each 1 January). */
  firstYear?: number;
  lastYear?: number;
}

export function demoPopulation(options: PopulationOptions = {}): DemoPopulation {
  const total = options.parties ?? DEFAULT_PARTY_COUNT;
  const rnd = random(options.seed ?? 44);
  const firstYear = options.firstYear ?? 2021;
  const lastYear = options.lastYear ?? 2025;
  const mix = mixFor(total);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

  const used = new Set<string>();
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base} ${n}`;
    used.add(name.toLowerCase());
    return name;
  };
  /** One count each 1 January, drifting by up to ±15% a year (a few grow or shrink across a band). */
  const history = (start: number, lo: number, hi: number): DemoPremises[] => {
    const out: DemoPremises[] = [];
    let count = start;
    for (let year = firstYear; year <= lastYear; year += 1) {
      out.push({ count, effectiveFrom: isoDate(year, 1, 1) });
      count = Math.min(hi, Math.max(lo, Math.round(count * (0.85 + rnd() * 0.3))));
    }
    return out;
  };

  const parties: DemoParty[] = [];
  const add = (kind: DemoKind, name: string, userRoles: DemoUserRole[], premises: DemoPremises[]): void => {
    parties.push({ kind, name: unique(name), userRoles, premises });
  };
  for (let i = 0; i < mix.provider; i += 1) add('provider', PROVIDERS[i % PROVIDERS.length]!, [], []);
  for (let i = 0; i < mix.largeSupplier; i += 1) {
    add('largeSupplier', `${pick(FIRST)} ${pick(SECOND)}`, pick([['IMPORT_SUPPLIER', 'GAS_SUPPLIER'], ['IMPORT_SUPPLIER'], ['GAS_SUPPLIER', 'EXPORT_SUPPLIER']] as DemoUserRole[][]), history(int(300_000, 5_000_000), 200_000, 8_000_000));
  }
  for (let i = 0; i < mix.smallSupplier; i += 1) {
    add('smallSupplier', `${pick(FIRST)} ${pick(SECOND)}`, pick([['IMPORT_SUPPLIER'], ['GAS_SUPPLIER'], ['IMPORT_SUPPLIER', 'GAS_SUPPLIER'], ['EXPORT_SUPPLIER']] as DemoUserRole[][]), history(int(1_000, 240_000), 0, 400_000));
  }
  for (let i = 0; i < mix.network; i += 1) {
    const [name, role] = NETWORKS[i % NETWORKS.length]!;
    add('network', name, [role], history(int(1_000_000, 4_000_000), 500_000, 6_000_000));
  }
  for (let i = 0; i < mix.otherUser; i += 1) add('otherUser', OTHER_USERS[i % OTHER_USERS.length]!, ['OTHER_USER'], []);

  // Every provider offers a whole-system DCC adaptor; the first also offers a part-system UTRN
  // service without opting in (R-SRP-4), which users may still engage.
  const providers = parties.filter((p) => p.kind === 'provider');
  const resources: DemoResource[] = providers.map((p) => ({ name: 'DCC User Gateway Adaptor', scope: 'WHOLE_USER_SYSTEM', providerName: p.name, optInAsProvider: true }));
  if (providers[0]) resources.push({ name: 'UTRN Generation', scope: 'PART_OF_USER_SYSTEM', providerName: providers[0].name, optInAsProvider: false });

  // About three in four small suppliers and other users use a provider; some switched provider once.
  const engagements: DemoEngagement[] = [];
  const notification = (start: string): string | null => {
    const r = rnd();
    if (r < 0.75) return addDays(start, int(0, 10)); // on time
    if (r < 0.9) return addDays(start, int(20, 60)); // late
    return null; // missing
  };
  const engage = (user: DemoParty, resource: DemoResource, startDate: string, endDate: string | null): void => {
    engagements.push({
      userName: user.name,
      providerName: resource.providerName,
      resourceName: resource.name,
      startDate,
      endDate,
      userNotifiedSscOn: notification(startDate),
      providerNotifiedSscOn: notification(startDate),
    });
  };
  const wholeSystem = resources.filter((r) => r.scope === 'WHOLE_USER_SYSTEM');
  const utrn = resources.find((r) => r.scope === 'PART_OF_USER_SYSTEM');
  for (const user of parties.filter((p) => p.kind === 'smallSupplier' || p.kind === 'otherUser')) {
    if (rnd() >= 0.75 || wholeSystem.length === 0) continue;
    const startDate = isoDate(int(2019, 2024), int(1, 12), int(1, 28));
    const first = pick(wholeSystem);
    if (wholeSystem.length > 1 && rnd() < 0.2) {
      const endDate = addDays(startDate, int(200, 500));
      engage(user, first, startDate, endDate);
      engage(user, pick(wholeSystem.filter((r) => r !== first)), addDays(endDate, 1), null);
    } else {
      engage(user, first, startDate, null);
    }
    if (utrn && rnd() < 0.2) engage(user, utrn, addDays(startDate, int(0, 90)), null);
  }
  return { parties, resources, engagements };
}

export interface SeedArgs {
  parties: number;
  concurrency: number;
  gatewayUrl: string;
}

/** `--parties N` (size), `--concurrency C` (parallel requests), `--gateway URL`; GATEWAY_URL otherwise. */
export function parseSeedArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): SeedArgs {
  const args: SeedArgs = {
    parties: DEFAULT_PARTY_COUNT,
    concurrency: 8,
    gatewayUrl: env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    const whole = (min: number): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number of at least ${min}; got ${value ?? 'nothing'}`);
      return n;
    };
    if (flag === '--parties') args.parties = whole(5);
    else if (flag === '--concurrency') args.concurrency = whole(1);
    else if (flag === '--gateway' && value) args.gatewayUrl = value;
    else throw new Error(`unknown argument ${flag}; usage: seed.ts [--parties N] [--concurrency C] [--gateway URL]`);
    i += 1;
  }
  return args;
}
