import type { Context } from '../context';
import type { CommandMeta } from '../commands/command-meta';

export const metaOf = (ctx: Context): CommandMeta => ({ actor: ctx.caller.sub, now: ctx.now, today: ctx.today, correlationId: ctx.correlationId });
