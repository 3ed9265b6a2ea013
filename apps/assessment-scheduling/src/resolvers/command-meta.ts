import type { CommandMeta } from '../commands/command-meta';
import type { Context } from '../context';

export const commandMeta = (ctx: Context): CommandMeta => ({
  actor: ctx.caller.sub,
  now: ctx.now,
  today: ctx.today,
  correlationId: ctx.correlationId,
  tariff: ctx.tariff,
  rules: ctx.rules,
});
