import type { RuleSettings } from '@sec-assure/rules';
import type { ChargeTariff } from '../config';

/** Who asked for a change, when, and the correlation id its events carry. */
export interface CommandMeta {
  actor: string;
  now: Date;
  today: string;
  correlationId: string;
  tariff: ChargeTariff;
  /** R-SET-4, R-WD-1: the deployment's rule settings. */
  rules: RuleSettings;
}
