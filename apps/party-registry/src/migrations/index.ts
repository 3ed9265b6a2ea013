import { EventsOutbox1700000000000, RecordChain1765100000000 } from '@sec-assure/events';
import { Register1764500000000 } from './1764500000000-register';
import { ResourcesEngagementsAudit1764600000000 } from './1764600000000-resources-engagements-audit';
import { EffectiveDates1764700000000 } from './1764700000000-effective-dates';
import { IssuedCopies1764700000001 } from './1764700000001-issued-copies';
import { Notifications1765200000000 } from './1765200000000-notifications';
import { NotificationDue1765200000001 } from './1765200000001-notification-due';
import { RecordAudit1765100000001 } from './1765100000001-record-audit';
import { PartyPageOrder1765300000000 } from './1765300000000-party-page-order';
import { EngagementNoOverlap1765400000000 } from './1765400000000-engagement-no-overlap';
import { NotificationAssessment1765500000000 } from './1765500000000-notification-assessment';
import { NameKeysAsRead1765600000000 } from './1765600000000-name-keys-as-read';

export const migrations = [EventsOutbox1700000000000, Register1764500000000, ResourcesEngagementsAudit1764600000000, EffectiveDates1764700000000, IssuedCopies1764700000001, RecordChain1765100000000, RecordAudit1765100000001, Notifications1765200000000, NotificationDue1765200000001, PartyPageOrder1765300000000, EngagementNoOverlap1765400000000, NotificationAssessment1765500000000, NameKeysAsRead1765600000000];
