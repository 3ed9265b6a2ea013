import { outboxMigrations } from '@sec-assure/events';
import { Register1764500000000 } from './1764500000000-register';

export const migrations = [...outboxMigrations, Register1764500000000];
