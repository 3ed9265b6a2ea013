import { EventsOutbox1700000000000 } from '@sec-assure/events';
import { PartyProjection1764500000000 } from './1764500000000-party-projection';

export const migrations = [EventsOutbox1700000000000, PartyProjection1764500000000];
