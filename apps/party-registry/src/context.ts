import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';
import type { Loaders } from './queries/loaders';
import type { NoticeSettings } from './domain/engagement-notifications';

export interface Context extends BaseContext, Loaders {
  dataSource: DataSource;
  /** Today's date (the Europe/London calendar day of the request); domain code never reads the clock. */
  today: string;
  now: Date;
  /** R-SRP-7: the practice threshold and working-day calendar the notices are judged by. */
  notices: NoticeSettings;
}
