import { defineRecordChainHeadEvent } from '../record/head-event';
import { TOPICS } from '../topics';

export const ReportDistributionRecordChainHeadPublished = defineRecordChainHeadEvent('ReportDistributionRecordChainHeadPublished', TOPICS.reportDistribution);
