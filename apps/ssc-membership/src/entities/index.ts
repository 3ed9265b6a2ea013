import { EVENTS_ENTITIES } from '@sec-assure/events';
import { ProjectedPartyEntity, ProjectedRoleChangeEntity, ProjectedSrpDesignationEntity } from './projected-party.entity';
import { ElectionEntity } from './election.entity';
import { NominationEntity } from './nomination.entity';
import { VoteEntity } from './vote.entity';
import { MemberEntity } from './member.entity';

export const entities = [
  ProjectedPartyEntity,
  ProjectedSrpDesignationEntity,
  ProjectedRoleChangeEntity,
  ElectionEntity,
  NominationEntity,
  VoteEntity,
  MemberEntity,
  ...EVENTS_ENTITIES,
];
