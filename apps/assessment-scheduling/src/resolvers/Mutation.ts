import { authorize } from '@sec-assure/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { scheduleAssessment } from '../commands/schedule-assessment';
import { completeFieldwork } from '../commands/complete-fieldwork';
import { setAssuranceStatus } from '../commands/set-assurance-status';
import { requestFollowUp } from '../commands/request-follow-up';
import { overrideAssessmentTiming } from '../commands/override-timing';
import { raiseEventOfDefault } from '../commands/raise-event-of-default';
import { directFullAssessment } from '../commands/direct-full-assessment';
import { cancelAssessment } from '../commands/cancel-assessment';
import { requireText } from '../domain/lifecycle';
import { commandMeta } from './command-meta';
import { decideNonComplianceCaseMutation } from './NonComplianceCase';

const MAX_REASON = 2000;

export const Mutation: MutationResolvers = {
  scheduleAssessment: (_root, { input }, ctx) => {
    authorize(ctx.caller, 'scheduleAssessment', { partyId: input.partyId });
    return scheduleAssessment(ctx.dataSource, input, commandMeta(ctx));
  },

  completeFieldwork: (_root, { assessmentId, completedOn }, ctx) => {
    authorize(ctx.caller, 'completeFieldwork');
    return completeFieldwork(ctx.dataSource, assessmentId, completedOn, commandMeta(ctx));
  },

  setAssuranceStatus: (_root, { assessmentId, status, setOn, conditions }, ctx) => {
    authorize(ctx.caller, 'setAssuranceStatus');
    return setAssuranceStatus(ctx.dataSource, { assessmentId, status, setOn, conditions }, commandMeta(ctx));
  },

  requestFollowUp: (_root, { partyId, reason, scheduledFor }, ctx) => {
    authorize(ctx.caller, 'requestFollowUp', { partyId });
    return requestFollowUp(ctx.dataSource, { partyId, reason: requireText('reason', reason, MAX_REASON), scheduledFor }, commandMeta(ctx));
  },

  overrideAssessmentTiming: (_root, { partyId, dueBy, reason }, ctx) => {
    authorize(ctx.caller, 'overrideAssessmentTiming', { partyId });
    return overrideAssessmentTiming(ctx.dataSource, { partyId, dueBy, reason: requireText('reason', reason, MAX_REASON) }, commandMeta(ctx));
  },

  directFullAssessment: (_root, { partyId, reason, scheduledFor }, ctx) => {
    authorize(ctx.caller, 'directFullAssessment', { partyId });
    return directFullAssessment(ctx.dataSource, { partyId, reason: requireText('reason', reason, MAX_REASON), scheduledFor }, commandMeta(ctx));
  },

  cancelAssessment: (_root, { assessmentId, reason }, ctx) => {
    authorize(ctx.caller, 'cancelAssessment');
    return cancelAssessment(ctx.dataSource, { assessmentId, reason: requireText('reason', reason, MAX_REASON) }, commandMeta(ctx));
  },

  raiseEventOfDefault: (_root, { recommendationId, raisedOn }, ctx) => {
    authorize(ctx.caller, 'raiseEventOfDefault');
    return raiseEventOfDefault(ctx.dataSource, recommendationId, raisedOn, commandMeta(ctx));
  },

  decideNonComplianceCase: decideNonComplianceCaseMutation,
};
