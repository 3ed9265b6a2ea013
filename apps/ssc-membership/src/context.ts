import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';

export interface Context extends BaseContext {
  dataSource: DataSource;
  today: string;
  now: Date;
}
