import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { SECMP0044_DECISION_DATE } from '../calendar/implementation-date';
import { createWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/working-days';
import { createDefaultRuleSetRegistry, type RuleSetRegistry } from './registry';
import type { RuleSetName } from './rule-set';

/** R-SET-4, R-WD-1: what a deployment may set; everything else is the rules' own default. */
export interface RuleSettingsInput {
  /** The Change Board decision date; default 2018-07-25 (FMR, "About this Document"). */
  readonly decisionDate?: IsoDate | null;
  /** The implementation date outright, instead of computing it from the decision date. */
  readonly implementationDate?: IsoDate | null;
  /** Non-working days beyond the England and Wales bank holidays (R-WD-1), e.g. a one-off holiday. */
  readonly extraNonWorkingDays?: readonly IsoDate[] | null;
}

export interface RuleSettings {
  readonly decisionDate: IsoDate;
  /** The SECMP0044 implementation date in use (R-SET-4); each explanation names it. */
  readonly implementationDate: IsoDate;
  /** Whether the implementation date was set outright rather than computed from the decision date. */
  readonly implementationDateSetOutright: boolean;
  readonly extraNonWorkingDays: readonly IsoDate[];
  readonly calendar: WorkingDayCalendar;
  readonly registry: RuleSetRegistry<RuleSetName>;
}

/**
 * R-SET-4, R-WD-1: a service's rule settings, built once at start-up from its deployment settings. The
 * implementation date is the decision date plus the referral period (10 Working Days) plus 10 further
 * Working Days, on a calendar that includes the extra non-working days; or the date given outright.
 */
export function createRuleSettings(input: RuleSettingsInput = {}): RuleSettings {
  const extra = [...(input.extraNonWorkingDays ?? [])];
  extra.forEach((d, i) => toDayNumber(d, `extraNonWorkingDays[${i}]`));
  const calendar = createWorkingDayCalendar({ extraHolidays: extra });
  const decisionDate = input.decisionDate ?? SECMP0044_DECISION_DATE;
  toDayNumber(decisionDate, 'decisionDate');
  const outright = input.implementationDate ?? null;
  if (outright !== null && toDayNumber(outright, 'implementationDate') <= toDayNumber(decisionDate, 'decisionDate')) {
    throw new RuleInputError('implementationDate', `implementationDate ${outright} must be after the decision date ${decisionDate} (R-SET-4).`);
  }
  const registry = createDefaultRuleSetRegistry(
    outright !== null ? { secmp0044ImplementationDate: outright } : { secmp0044DecisionDate: decisionDate, calendar },
  );
  return {
    decisionDate,
    implementationDate: registry.get('SECMP0044').effectiveFrom!,
    implementationDateSetOutright: outright !== null,
    extraNonWorkingDays: extra,
    calendar,
    registry,
  };
}
