import { EventsOutbox1700000000000 } from '@sec-assure/events';
import { Documents1764600000000 } from './1764600000000-documents';

export const migrations = [EventsOutbox1700000000000, Documents1764600000000];
