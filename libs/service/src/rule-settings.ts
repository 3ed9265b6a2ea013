import { createRuleSettings, RuleInputError, type RuleSettings } from '@sec-assure/rules';

/** R-SET-4, R-WD-1: the deployment settings every service that decides reads (README, .env.example). */
export const RULE_SETTING_VARIABLES = {
  decisionDate: 'SECMP0044_DECISION_DATE',
  implementationDate: 'SECMP0044_IMPLEMENTATION_DATE',
  extraNonWorkingDays: 'EXTRA_NON_WORKING_DAYS',
} as const;

/** Reads the rule settings, failing fast (naming the variable) on a date that is not a real one. */
export function readRuleSettings(env: NodeJS.ProcessEnv = process.env): RuleSettings {
  const value = (name: string): string | null => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? null : raw;
  };
  const extra = value(RULE_SETTING_VARIABLES.extraNonWorkingDays);
  try {
    return createRuleSettings({
      decisionDate: value(RULE_SETTING_VARIABLES.decisionDate),
      implementationDate: value(RULE_SETTING_VARIABLES.implementationDate),
      extraNonWorkingDays: extra === null ? [] : extra.split(',').map((d) => d.trim()).filter((d) => d !== ''),
    });
  } catch (error) {
    if (!(error instanceof RuleInputError)) throw error;
    const variable = error.field.startsWith('extraNonWorkingDays')
      ? RULE_SETTING_VARIABLES.extraNonWorkingDays
      : RULE_SETTING_VARIABLES[error.field as 'decisionDate' | 'implementationDate'] ?? error.field;
    throw new Error(`Configuration: ${variable} is not valid: ${error.message}`);
  }
}
