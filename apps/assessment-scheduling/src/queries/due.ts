import type { EntityManager } from 'typeorm';
import { LessThan } from 'typeorm';
import { DEFAULT_RULE_SET_REGISTRY, dueStatus, isFieldworkNotRecorded, partyDue, type IsoDate, type PartyDue, type RuleSetName, type RuleSetRegistry } from '@sec-assure/rules';
import { partiesNeedingNoAssessment } from './determination';
import { AssessmentEntity, TimingOverrideEntity, type AssessmentRow, type TimingOverrideRow } from '../entities/assessment.entity';

// R-SCHED-2: overrides are ordered by when they were made, then by the order recorded (overrides made at once can
// commit in another order than their times); the newest is the one in force.
const NEWEST_FIRST = { overriddenAt: 'DESC', seq: 'DESC' } as const;
const OLDEST_FIRST = { overriddenAt: 'ASC', seq: 'ASC' } as const;

export async function latestOverride(manager: EntityManager, partyId: string): Promise<TimingOverrideRow | null> {
  return manager.getRepository(TimingOverrideEntity).findOne({ where: { partyId }, order: NEWEST_FIRST });
}

export async function timingOverrides(manager: EntityManager, partyId: string | null): Promise<TimingOverrideRow[]> {
  return manager.getRepository(TimingOverrideEntity).find({ where: partyId === null ? {} : { partyId }, order: NEWEST_FIRST });
}

export interface DueRow extends PartyDue {
  overdue: boolean;
  daysUntilDue: number;
}

/**
 * R-SCHED-1, R-SCHED-2: every party overdue on asOf or due within `withinDays`, soonest first; a party that needs no
 * annual assessment on asOf (R-PARTY-1, R-SRP-2) is neither.
 */
export async function assessmentsDue(
  manager: EntityManager,
  asOf: IsoDate,
  withinDays: number,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
): Promise<DueRow[]> {
  const assessments = await manager.getRepository(AssessmentEntity).find({
    select: { id: true, partyId: true, type: true, state: true, assuranceStatusSetOn: true, nextDueBy: true, scheduledOn: true },
    order: { partyId: 'ASC', scheduledFor: 'ASC', seq: 'ASC' },
  });
  const overrides = await manager.getRepository(TimingOverrideEntity).find({ order: OLDEST_FIRST });
  // R-SCHED-2: every override of a party, in the order made: the one of the step in force on asOf counts.
  const overridesOf = new Map<string, TimingOverrideRow[]>();
  for (const o of overrides) overridesOf.set(o.partyId, [...(overridesOf.get(o.partyId) ?? []), o]);
  const byParty = new Map<string, typeof assessments>();
  for (const a of assessments) {
    const list = byParty.get(a.partyId);
    if (list) list.push(a);
    else byParty.set(a.partyId, [a]);
  }
  for (const partyId of overridesOf.keys()) if (!byParty.has(partyId)) byParty.set(partyId, []);
  const rows: DueRow[] = [];
  for (const [partyId, list] of byParty) {
    const due = partyDue(partyId, list, overridesOf.get(partyId) ?? [], asOf);
    const status = due && dueStatus(due, asOf, withinDays);
    if (due && status) rows.push({ ...due, ...status });
  }
  const needNone = await partiesNeedingNoAssessment(manager, rows.map((r) => r.partyId), asOf, registry);
  return rows.filter((r) => !needNone.has(r.partyId)).sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.partyId.localeCompare(b.partyId));
}

/**
 * R-SCHED-3 (practice): assessments booked by asOf whose date has passed on asOf with no fieldwork recorded by
 * then, oldest first; cancelled ones never (whenever cancelled, they did not take place). Listed apart from
 * overdue scheduling.
 */
export async function fieldworkNotRecorded(manager: EntityManager, asOf: IsoDate): Promise<AssessmentRow[]> {
  const candidates = await manager.getRepository(AssessmentEntity).find({ where: { scheduledFor: LessThan(asOf) }, order: { scheduledFor: 'ASC', seq: 'ASC' } });
  return candidates.filter(
    (a) =>
      a.scheduledOn <= asOf &&
      a.cancelledOn === null &&
      isFieldworkNotRecorded(a.scheduledFor, asOf, a.fieldworkCompletedOn !== null && a.fieldworkCompletedOn <= asOf ? a.fieldworkCompletedOn : null),
  );
}
