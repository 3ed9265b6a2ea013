import { EventsOutbox1700000000000, RecordChain1765100000000 } from '@sec-assure/events';
import { Documents1764600000000 } from './1764600000000-documents';
import { CopiesKept1764700000000 } from './1764700000000-copies-kept';
import { RecordCopies1765100000001 } from './1765100000001-record-copies';
import { EngagementCopiesPending1765300000000 } from './1765300000000-engagement-copies-pending';
import { RoleHistory1765700000000 } from './1765700000000-role-history';

export const migrations = [EventsOutbox1700000000000, Documents1764600000000, CopiesKept1764700000000, RecordChain1765100000000, RecordCopies1765100000001, EngagementCopiesPending1765300000000, RoleHistory1765700000000];
