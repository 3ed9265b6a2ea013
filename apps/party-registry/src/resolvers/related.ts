import type { Context } from '../context';
import type { PartyRow } from '../entities/party.entity';
import type { SharedResourceRow } from '../entities/shared-resource.entity';

// References held by this register's own rows always resolve (foreign keys); a miss is a bug, said plainly.
export async function partyOf(ctx: Context, id: string): Promise<PartyRow> {
  const party = await ctx.partyById.load(id);
  if (!party) throw new Error(`party ${id} referenced by the register is missing`);
  return party;
}

export async function sharedResourceOf(ctx: Context, id: string): Promise<SharedResourceRow> {
  const resource = await ctx.sharedResourceById.load(id);
  if (!resource) throw new Error(`shared resource ${id} referenced by the register is missing`);
  return resource;
}
