import { outboxMigrations } from '@sec-assure/events';
import { PartyProjection1764500000000 } from './1764500000000-party-projection';

export const migrations = [...outboxMigrations, PartyProjection1764500000000];
