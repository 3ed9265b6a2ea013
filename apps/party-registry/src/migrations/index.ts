import { EventsOutbox1700000000000 } from '@sec-assure/events';
import { Register1764500000000 } from './1764500000000-register';

export const migrations = [EventsOutbox1700000000000, Register1764500000000];
