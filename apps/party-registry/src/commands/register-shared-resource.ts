import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { conflict, notFound, conflictOnUniqueViolation } from '@sec-assure/service';
import { PartyEntity } from '../entities/party.entity';
import { SharedResourceEntity, type SharedResourceRow } from '../entities/shared-resource.entity';
import { designationStartAfter, type ValidSharedResource } from '../domain/shared-resource';
import type { CommandMeta } from './command-meta';
import { recordChange } from './record-change';

/**
 * R-SRP-2/3/4: stores the resource (SharedResourceRegistered) and, when it makes its provider a Shared
 * Resource Provider for the first time, or was available before the designation's start, designates
 * the party from its availableFrom (SharedResourceProviderDesignated; other resources of an existing
 * provider change nothing about the party).
 */
export async function registerSharedResource(dataSource: DataSource, input: ValidSharedResource, meta: CommandMeta): Promise<SharedResourceRow> {
  const taken = `The provider already has a shared resource named "${input.name}"`;
  return conflictOnUniqueViolation(
    () =>
      dataSource.transaction(async (manager) => {
        const parties = manager.getRepository(PartyEntity);
        // Locked: two resources registered at once must not both designate the provider.
        const provider = await parties.findOne({ where: { id: input.providerPartyId }, lock: { mode: 'pessimistic_write' } });
        if (!provider) {
          throw notFound('Party', `${input.providerPartyId} (providerPartyId: a provider must be a registered SEC Party, R-SRP-3)`);
        }
        const resources = manager.getRepository(SharedResourceEntity);
        if (await resources.exists({ where: { providerPartyId: provider.id, nameKey: input.nameKey } })) throw conflict(taken);
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
        await resources.insert(resource);
        await recordChange(manager, meta, {
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
        const providerFrom = designationStartAfter(provider.providerFrom, resource);
        if (providerFrom !== null) {
          await parties.update({ id: provider.id }, { isSharedResourceProvider: true, providerFrom });
          await recordChange(manager, meta, {
            type: 'SharedResourceProviderDesignated',
            kind: 'SHARED_RESOURCE_PROVIDER_DESIGNATED',
            partyIds: [provider.id],
            summary: provider.providerFrom
              ? `Shared Resource Provider from ${providerFrom} (before ${provider.providerFrom}) through "${resource.name}"`
              : `Became a Shared Resource Provider from ${providerFrom} through "${resource.name}"`,
            data: { partyId: provider.id, sharedResourceId: resource.id, effectiveFrom: providerFrom },
          });
        }
        return resource;
      }),
    taken,
  );
}
