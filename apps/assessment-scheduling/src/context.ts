import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';
import type { ChargeTariff } from './config';
import type { AssessmentRow } from './entities/assessment.entity';
import type { DeterminationKey } from './queries/determination-loader';
import type { PartyDetermination } from './queries/determination';

export interface Context extends BaseContext {
  dataSource: DataSource;
  today: string;
  now: Date;
  tariff: ChargeTariff;
  /** Per request: assessments by id (null when absent), batched. */
  assessmentById: DataLoader<string, AssessmentRow | null>;
  /** Per request: next-assessment determinations, batched by date. */
  determinations: DataLoader<DeterminationKey, PartyDetermination | null, string>;
}
