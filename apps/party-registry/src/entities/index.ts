import { EVENTS_ENTITIES } from '@sec-assure/events';
import { PartyEntity } from './party.entity';
import { DomesticPremisesEntity } from './domestic-premises.entity';
import { SharedResourceEntity } from './shared-resource.entity';
import { EngagementEntity } from './engagement.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { PartyRoleChangeEntity } from './party-role-change.entity';
import { IssuedCopyEntity, KnownDocumentEntity } from './issued-copy.entity';

export const entities = [PartyEntity, DomesticPremisesEntity, SharedResourceEntity, EngagementEntity, AuditEntryEntity, PartyRoleChangeEntity, KnownDocumentEntity, IssuedCopyEntity, ...EVENTS_ENTITIES];
