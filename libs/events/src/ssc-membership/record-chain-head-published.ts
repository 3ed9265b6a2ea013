import { defineRecordChainHeadEvent } from '../record/head-event';
import { TOPICS } from '../topics';

export const SscMembershipRecordChainHeadPublished = defineRecordChainHeadEvent('SscMembershipRecordChainHeadPublished', TOPICS.sscMembership);
