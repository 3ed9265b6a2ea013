import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { notFound, conflictOnUniqueViolation } from '@sec-assure/service';
import { PartyEntity } from '../entities/party.entity';
import type { SharedResourceRow } from '../entities/shared-resource.entity';
import { designationStartAfter, type ValidSharedResource } from '../domain/shared-resource';
import type { CommandMeta } from './command-meta';
import { changeRecords, changeRecordValues, changeStatement } from './record-change';

/** The resource and its event in one statement; a name the provider already uses is refused by the unique index. */
const REGISTER_RESOURCE = changeStatement(
  {
    resource: `INSERT INTO shared_resource (id, name, name_key, scope, provider_party_id, opt_in_as_provider, available_from, registered_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8)`,
  },
  8,
);

/** The designation and its event in one statement. */
const DESIGNATE = changeStatement({ designated: `UPDATE party SET is_shared_resource_provider = true, provider_from = $2::date WHERE id = $1` }, 2);

/**
 * R-SRP-2/3/4: stores the resource (SharedResourceRegistered) and, when it makes its provider a Shared
 * Resource Provider for the first time, or was available before the designation's start, designates
 * the party from its availableFrom (SharedResourceProviderDesignated; other resources of an existing
 * provider change nothing about the party).
 */
export async function registerSharedResource(dataSource: DataSource, input: ValidSharedResource, meta: CommandMeta): Promise<SharedResourceRow> {
  const taken = `The provider already has a shared resource named "${input.name}"`;
  return conflictOnUniqueViolation(
    // Four round trips (five when it designates) where there were seven (ten).
    () =>
      dataSource.transaction(async (manager) => {
        const parties = manager.getRepository(PartyEntity);
        // Locked: two resources registered at once must not both designate the provider.
        const provider = await parties.findOne({ where: { id: input.providerPartyId }, lock: { mode: 'pessimistic_write' } });
        if (!provider) {
          throw notFound('Party', `${input.providerPartyId} (providerPartyId: a provider must be a registered SEC Party, R-SRP-3)`);
        }
        const resource: SharedResourceRow = {
          id: randomUUID(),
          name: input.name,
          nameKey: input.nameKey,
          scope: input.scope,
          providerPartyId: provider.id,
          optInAsProvider: input.optInAsProvider,
          availableFrom: input.availableFrom,
          registeredAt: meta.now,
        };
        const registered = changeRecords(meta, {
          type: 'SharedResourceRegistered',
          kind: 'SHARED_RESOURCE_REGISTERED',
          partyIds: [provider.id],
          summary: `Registered shared resource "${resource.name}" (${resource.scope}${resource.optInAsProvider ? ', provider is an SRP' : ', provider did not opt in'})`,
          data: {
            sharedResourceId: resource.id,
            name: resource.name,
            scope: resource.scope,
            providerPartyId: provider.id,
            optInAsProvider: resource.optInAsProvider,
            availableFrom: resource.availableFrom,
          },
        });
        const { id, name, nameKey, scope, providerPartyId, optInAsProvider, availableFrom, registeredAt } = resource;
        await manager.query(REGISTER_RESOURCE, [id, name, nameKey, scope, providerPartyId, optInAsProvider, availableFrom, registeredAt, ...changeRecordValues(registered)]);
        const providerFrom = designationStartAfter(provider.providerFrom, resource);
        if (providerFrom !== null) {
          const designated = changeRecords(meta, {
            type: 'SharedResourceProviderDesignated',
            kind: 'SHARED_RESOURCE_PROVIDER_DESIGNATED',
            partyIds: [provider.id],
            summary: provider.providerFrom
              ? `Shared Resource Provider from ${providerFrom} (before ${provider.providerFrom}) through "${resource.name}"`
              : `Became a Shared Resource Provider from ${providerFrom} through "${resource.name}"`,
            data: { partyId: provider.id, sharedResourceId: resource.id, effectiveFrom: providerFrom },
          });
          await manager.query(DESIGNATE, [provider.id, providerFrom, ...changeRecordValues(designated)]);
        }
        return resource;
      }),
    taken,
    'uq_shared_resource_provider_name',
  );
}
