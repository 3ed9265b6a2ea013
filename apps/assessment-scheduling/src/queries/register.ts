import type { EntityManager } from 'typeorm';
import type { Engagement, PremisesRecord, RoleChange, UserRole } from '@sec-assure/rules';
import type { RegisterSlice } from '../domain/register-facts';

export interface ProjectedParty {
  id: string;
  name: string;
  /** The roles as last announced (PartyRegistered / PartyUpdated); a determination reads `roleChanges` on its date. */
  userRoles: UserRole[];
  /** Designated a provider at some date (see `providerSince`). */
  isSharedResourceProvider: boolean;
  /** R-SRP-2: the earliest effective date of its designations; null when it is none. */
  providerSince: string | null;
}

interface EngagementRecord {
  id: string;
  user_party_id: string;
  provider_party_id: string;
  start_date: string;
  end_date: string | null;
}

/**
 * "As known on" a day: a fact recorded by the end of that day (Europe/London) counts; one recorded later
 * does not; a null time (projected before times were kept) is known all along. `day` is a SQL parameter
 * of type date, null for "as known now".
 */
const knownBy = (column: string, day: string): string =>
  `(${day}::date IS NULL OR ${column} IS NULL OR (${column} AT TIME ZONE 'Europe/London')::date <= ${day}::date)`;

/** An engagement as known on `day`: there once its start was recorded; ended once its end was. */
const engagementsKnownBy = (day: string): string =>
  `SELECT id::text AS id, user_party_id, provider_party_id, start_date::text AS start_date,
     CASE WHEN ${knownBy('end_recorded_at', day)} THEN end_date::text END AS end_date
   FROM projected_engagement WHERE ${knownBy('start_recorded_at', day)}`;

/** A party as this service knows it (as known on `asKnownOn`); a provider is one designated from `providerSince` (R-SRP-2). */
export async function findParties(manager: EntityManager, ids: readonly string[], asKnownOn: string | null = null): Promise<ProjectedParty[]> {
  if (ids.length === 0) return [];
  const rows = (await manager.query(
    `SELECT p.id, p.name, p.user_roles,
       (SELECT min(d.effective_from)::text FROM projected_provider_designation d WHERE d.party_id = p.id AND ${knownBy('d.recorded_at', '$2')}) AS provider_since
     FROM projected_party p WHERE p.id = ANY($1)`,
    [ids, asKnownOn],
  )) as Array<{ id: string; name: string; user_roles: UserRole[]; provider_since: string | null }>;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    userRoles: r.user_roles,
    isSharedResourceProvider: r.provider_since !== null,
    providerSince: r.provider_since,
  }));
}

/** R-PARTY-1: each party's role history (as known on `asKnownOn`), in the order it was recorded. */
export async function roleChangesOf(manager: EntityManager, ids: readonly string[], asKnownOn: string | null = null): Promise<Map<string, RoleChange[]>> {
  const rows = (await manager.query(
    `SELECT party_id, role, change, effective_from::text AS effective_from FROM projected_role_change
     WHERE party_id = ANY($1) AND ${knownBy('recorded_at', '$2')} ORDER BY seq`,
    [ids, asKnownOn],
  )) as Array<{ party_id: string; role: UserRole; change: RoleChange['change']; effective_from: string }>;
  const byParty = new Map<string, RoleChange[]>();
  for (const r of rows) {
    const list = byParty.get(r.party_id) ?? [];
    list.push({ role: r.role, change: r.change, effectiveFrom: r.effective_from });
    byParty.set(r.party_id, list);
  }
  return byParty;
}

export async function findParty(manager: EntityManager, id: string): Promise<ProjectedParty | null> {
  return (await findParties(manager, [id]))[0] ?? null;
}

/**
 * What determinations of `partyIds` need from the projection: their engagements as user and as
 * provider, the engagements of the providers they use (only where the rule set bands a user on the
 * other users' premises too: a large provider's users are many), and the parties and premises
 * histories those involve. One slice serves any number of parties (a list view asks for many).
 */
export async function loadRegisterSlice(
  manager: EntityManager,
  partyIds: string | readonly string[],
  otherUsersOfProviders = true,
  asKnownOn: string | null = null,
): Promise<RegisterSlice> {
  const ids = typeof partyIds === 'string' ? [partyIds] : [...partyIds];
  const direct = (await manager.query(
    `${engagementsKnownBy('$2')} AND (user_party_id = ANY($1) OR provider_party_id = ANY($1))`,
    [ids, asKnownOn],
  )) as EngagementRecord[];
  const asked = new Set(ids);
  const providersUsed = [...new Set(direct.filter((e) => asked.has(e.user_party_id)).map((e) => e.provider_party_id))];
  const shared =
    providersUsed.length === 0 || !otherUsersOfProviders
      ? []
      : ((await manager.query(`${engagementsKnownBy('$2')} AND provider_party_id = ANY($1)`, [
          providersUsed,
          asKnownOn,
        ])) as EngagementRecord[]);
  const byId = new Map<string, EngagementRecord>();
  for (const e of [...direct, ...shared]) byId.set(e.id, e);
  const engagements = [...byId.values()];
  const involved = new Set<string>(ids);
  for (const e of engagements) involved.add(e.user_party_id).add(e.provider_party_id);
  return sliceOf(manager, [...involved], engagements, asKnownOn);
}

/** The whole register in register order (as known on `asKnownOn`: parties registered later left out), for the yearly load (R-IMPACT-1). */
export async function loadWholeRegister(manager: EntityManager, asKnownOn: string | null = null): Promise<RegisterSlice & { partyList: ProjectedParty[] }> {
  const engagements = (await manager.query(`${engagementsKnownBy('$1')} ORDER BY id`, [asKnownOn])) as EngagementRecord[];
  // Register order, as party-registry's `parties` lists it: by registration (PartyRegistered's occurredAt, its
  // registered_at), then id; rows projected before times were kept come first.
  const ids = (
    (await manager.query(`SELECT id FROM projected_party WHERE ${knownBy('recorded_at', '$1')} ORDER BY recorded_at NULLS FIRST, id`, [asKnownOn])) as Array<{ id: string }>
  ).map((r) => r.id);
  const slice = await sliceOf(manager, ids, engagements, asKnownOn);
  const position = new Map(ids.map((id, i) => [id, i]));
  const partyList = (await findParties(manager, ids, asKnownOn)).sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  return { ...slice, partyList };
}

/** asKnownOn: only facts recorded by the end of that day (Europe/London); null: all. */
async function sliceOf(manager: EntityManager, ids: string[], engagements: EngagementRecord[], asKnownOn: string | null = null): Promise<RegisterSlice> {
  const parties = await findParties(manager, ids, asKnownOn);
  const roleChanges = await roleChangesOf(manager, ids, asKnownOn);
  const premisesRows = (await manager.query(
    `SELECT party_id, count, effective_from::text AS effective_from FROM projected_premises WHERE party_id = ANY($1)
       AND ${knownBy('recorded_at', '$2')} ORDER BY effective_from`,
    [ids, asKnownOn],
  )) as Array<{ party_id: string; count: number; effective_from: string }>;
  const premises = new Map<string, PremisesRecord[]>();
  for (const r of premisesRows) {
    const list = premises.get(r.party_id) ?? [];
    list.push({ count: r.count, effectiveFrom: r.effective_from });
    premises.set(r.party_id, list);
  }
  return {
    parties: new Map(parties.map((p) => [p.id, { name: p.name, roleChanges: roleChanges.get(p.id) ?? [], providerSince: p.providerSince }])),
    premises,
    engagements: engagements.map(
      (e): Engagement => ({ userPartyId: e.user_party_id, providerPartyId: e.provider_party_id, startDate: e.start_date, endDate: e.end_date }),
    ),
  };
}
