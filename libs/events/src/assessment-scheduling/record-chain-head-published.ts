import { defineRecordChainHeadEvent } from '../record/head-event';
import { TOPICS } from '../topics';

export const AssessmentSchedulingRecordChainHeadPublished = defineRecordChainHeadEvent('AssessmentSchedulingRecordChainHeadPublished', TOPICS.assessmentScheduling);
