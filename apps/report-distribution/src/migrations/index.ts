import { outboxMigrations } from '@sec-assure/events';

export const migrations = [...outboxMigrations];
