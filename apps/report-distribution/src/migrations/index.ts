import { EventsOutbox1700000000000 } from '@sec-assure/events';
import { Documents1764600000000 } from './1764600000000-documents';
import { CopiesKept1764700000000 } from './1764700000000-copies-kept';

export const migrations = [EventsOutbox1700000000000, Documents1764600000000, CopiesKept1764700000000];
