import { readRuleSettings, readServiceConfig, subgraphDefaults, type ServiceConfig } from '@sec-assure/service';
import type { AssessmentType, RuleSettings } from '@sec-assure/rules';

/** R-SRP-9: the charge to the assessed party per assessment type, in pence. */
export type ChargeTariff = Readonly<Record<AssessmentType, number>>;

/** Local defaults; every deployment sets its own (SECAS publishes the amounts each year). */
export const DEFAULT_TARIFF: ChargeTariff = { FULL: 2_500_000, VERIFICATION: 1_200_000, SELF: 300_000, FOLLOW_UP: 600_000 };

export const TARIFF_VARIABLES: Readonly<Record<AssessmentType, string>> = {
  FULL: 'ASSESSMENT_CHARGE_FULL_PENCE',
  VERIFICATION: 'ASSESSMENT_CHARGE_VERIFICATION_PENCE',
  SELF: 'ASSESSMENT_CHARGE_SELF_PENCE',
  FOLLOW_UP: 'ASSESSMENT_CHARGE_FOLLOW_UP_PENCE',
};

export interface AssessmentSchedulingConfig extends ServiceConfig {
  tariff: ChargeTariff;
  /** R-SET-4, R-WD-1: the implementation date and the working-day calendar, built once. */
  rules: RuleSettings;
}

/** Reads the tariff, failing fast (naming the variable) on anything but a whole number of pence. */
export function readTariff(env: NodeJS.ProcessEnv = process.env): ChargeTariff {
  const entries = (Object.keys(TARIFF_VARIABLES) as AssessmentType[]).map((type) => {
    const name = TARIFF_VARIABLES[type];
    const raw = env[name];
    if (raw === undefined || raw === '') return [type, DEFAULT_TARIFF[type]] as const;
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) > 2_147_483_647) {
      throw new Error(`Configuration: ${name}="${raw}" is not valid (a whole number of pence, 0 or more)`);
    }
    return [type, Number(raw)] as const;
  });
  return Object.fromEntries(entries) as Record<AssessmentType, number>;
}

/** Every setting of assessment-scheduling, read once from the environment with local defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AssessmentSchedulingConfig {
  return {
    ...readServiceConfig('assessment-scheduling', subgraphDefaults('assessment-scheduling'), env),
    tariff: readTariff(env),
    rules: readRuleSettings(env),
  };
}
