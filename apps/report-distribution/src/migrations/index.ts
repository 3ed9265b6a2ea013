import { EventsOutbox1700000000000 } from '@sec-assure/events';

export const migrations = [EventsOutbox1700000000000];
