import type { ChargeTariff } from '../config';

/** Who asked for a change, when, and the correlation id its events carry. */
export interface CommandMeta {
  actor: string;
  now: Date;
  today: string;
  correlationId: string;
  tariff: ChargeTariff;
}
