import { EventsOutbox1700000000000 } from '@sec-assure/events';
import { Elections1764600000000 } from './1764600000000-elections';

export const migrations = [EventsOutbox1700000000000, Elections1764600000000];
