import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';
import type { PartyRow } from './entities/party.entity';

export interface Context extends BaseContext {
  dataSource: DataSource;
  /** Today's date in the register's calendar (Europe/London is the SEC's, but dates are UTC-safe here). */
  today: string;
  now: Date;
  partyById: DataLoader<string, PartyRow | null>;
}
