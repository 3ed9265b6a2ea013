import { EventsOutbox1700000000000, RecordChain1765100000000 } from '@sec-assure/events';
import { Elections1764600000000 } from './1764600000000-elections';
import { ElectorateHistory1764700000000 } from './1764700000000-electorate-history';
import { NominationDeclined1765200000000 } from './1765200000000-nomination-declined';

export const migrations = [EventsOutbox1700000000000, Elections1764600000000, ElectorateHistory1764700000000, RecordChain1765100000000, NominationDeclined1765200000000];
