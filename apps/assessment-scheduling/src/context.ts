import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';
import type { RuleSettings } from '@sec-assure/rules';
import type { ChargeTariff } from './config';
import type { AssessmentRow } from './entities/assessment.entity';
import type { DeterminationKey } from './queries/determination-loader';
import type { PartyDetermination } from './queries/determination';

export interface Context extends BaseContext {
  dataSource: DataSource;
  today: string;
  now: Date;
  tariff: ChargeTariff;
  /** R-SET-4, R-WD-1: the deployment's implementation date and calendar, read once. */
  rules: RuleSettings;
  /** Per request: assessments by id (null when absent), batched. */
  assessmentById: DataLoader<string, AssessmentRow | null>;
  /** Per request: next-assessment determinations, batched by date. */
  determinations: DataLoader<DeterminationKey, PartyDetermination | null, string>;
}
