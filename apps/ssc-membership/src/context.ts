import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';
import type { NominationRow } from './entities/nomination.entity';

export interface Context extends BaseContext {
  dataSource: DataSource;
  today: string;
  now: Date;
  nominationsByElection: DataLoader<string, NominationRow[]>;
}
