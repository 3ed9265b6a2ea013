import type { AssessmentType } from '@sec-assure/rules';
import type { ChargeTariff } from '../config';

/** R-SRP-9: every assessment is charged to the assessed party, provider or user alike, by its type. */
export const chargeFor = (type: AssessmentType, tariff: ChargeTariff): number => tariff[type];

/** The event contract's `charge` is in pounds; pence stay exact in `chargePence`. */
export const poundsOf = (pence: number): number => pence / 100;
