import { notFound } from '@sec-assure/service';
import type { CommandMeta } from '../commands/command-meta';
import { isUuid } from '../domain/ids';
import type { Context } from '../context';

/** Who asks (the caller's sub), when, and the correlation id the change's event carries. */
export const metaOf = (ctx: Context): CommandMeta => ({ actor: ctx.caller.sub, now: ctx.now, correlationId: ctx.correlationId });

/** A malformed id names nothing: NOT_FOUND, before any database work. */
export function knownIdShape(what: string, field: string, id: string): string {
  if (!isUuid(id)) throw notFound(what, `${id} (${field})`);
  return id;
}
