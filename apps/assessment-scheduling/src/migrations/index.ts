import { EventsOutbox1700000000000, RecordChain1765100000000 } from '@sec-assure/events';
import { PartyProjection1764500000000 } from './1764500000000-party-projection';
import { RegisterProjection1764600000000 } from './1764600000000-register-projection';
import { Assessments1764600000001 } from './1764600000001-assessments';
import { RulesRevision1764800000000 } from './1764800000000-rules-revision';
import { NonComplianceCases1764850000000 } from './1764850000000-non-compliance-cases';
import { PremisesRecordedAt1765100000002 } from './1765100000002-premises-recorded-at';
import { RegisterRecordedAt1765200000000 } from './1765200000000-register-recorded-at';
import { AssessmentRecordedOn1765300000000 } from './1765300000000-assessment-recorded-on';

export const migrations = [EventsOutbox1700000000000, PartyProjection1764500000000, RegisterProjection1764600000000, Assessments1764600000001, RulesRevision1764800000000, NonComplianceCases1764850000000, RecordChain1765100000000, PremisesRecordedAt1765100000002, RegisterRecordedAt1765200000000, AssessmentRecordedOn1765300000000];
