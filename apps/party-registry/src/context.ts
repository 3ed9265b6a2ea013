import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';
import type { Loaders } from './queries/loaders';

export interface Context extends BaseContext, Loaders {
  dataSource: DataSource;
  /** Today's date (UTC calendar day of the request); domain code never reads the clock. */
  today: string;
  now: Date;
}
