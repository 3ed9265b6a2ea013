import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { UNDATED_ROLES_FROM } from '@sec-assure/rules';
import { conflictOnUniqueViolation } from '@sec-assure/service';
import type { PartyRow } from '../entities/party.entity';
import type { ValidRegistration } from '../domain/party-registration';
import type { CommandMeta } from './command-meta';
import { changeRecords, changeRecordValues, changeStatement } from './record-change';

/**
 * Stores the party, its role history's start, its first premises count, the PartyRegistered event
 * and the audit entry: one statement (changeStatement), so one round trip where separate inserts in
 * a transaction took six. The busiest write: the benchmark's, and every party of a seeded register.
 */
const REGISTER_PARTY = changeStatement(
  {
    party: `INSERT INTO party (id, name, name_key, user_roles, is_shared_resource_provider, provider_from, registered_at)
  VALUES ($1, $2, $3, $4::text[], false, NULL, $5)`,
    roles: `INSERT INTO party_role_change (party_id, role, change, effective_from, recorded_at)
  SELECT $1, role, 'GAINED', $6::date, $5 FROM unnest($4::text[]) WITH ORDINALITY AS r(role, n) ORDER BY n`,
    premises: `INSERT INTO domestic_premises (party_id, effective_from, count, recorded_at)
  SELECT $1, $7::date, $8::integer, $5 WHERE $8::integer IS NOT NULL`,
  },
  8,
);

export async function registerParty(dataSource: DataSource, registration: ValidRegistration, meta: CommandMeta): Promise<PartyRow> {
  const taken = `A party named "${registration.name}" is already registered (names are compared trimmed and case-insensitively)`;
  const party: PartyRow = {
    id: randomUUID(),
    name: registration.name,
    nameKey: registration.nameKey,
    userRoles: registration.userRoles,
    isSharedResourceProvider: false,
    providerFrom: null,
    registeredAt: meta.now,
  };
  const since = registration.rolesEffectiveFrom === UNDATED_ROLES_FROM ? 'held before the register begins (no day given)' : `from ${registration.rolesEffectiveFrom}`;
  const premises = registration.premises ? `, ${registration.premises.count} domestic premises from ${registration.premises.effectiveFrom}` : '';
  const records = changeRecords(meta, {
    type: 'PartyRegistered',
    kind: 'PARTY_REGISTERED',
    partyIds: [party.id],
    summary: `Registered "${party.name}" with user roles [${party.userRoles.join(', ')}] ${since}${premises}`,
    data: {
      partyId: party.id,
      name: party.name,
      userRoles: party.userRoles,
      isSharedResourceProvider: party.isSharedResourceProvider,
      domesticPremises: registration.premises,
      rolesEffectiveFrom: registration.rolesEffectiveFrom,
    },
  });
  // A name already taken is refused by the unique index on name_key: no look-up first.
  await conflictOnUniqueViolation(
    () =>
      dataSource.query(REGISTER_PARTY, [
        party.id,
        party.name,
        party.nameKey,
        // R-PARTY-1: the roles start the party's role history.
        party.userRoles,
        meta.now,
        registration.rolesEffectiveFrom,
        registration.premises?.effectiveFrom ?? null,
        registration.premises?.count ?? null,
        ...changeRecordValues(records),
      ]),
    taken,
    'party_name_key_key',
  );
  return party;
}
