import { defineRecordChainHeadEvent } from '../record/head-event';
import { TOPICS } from '../topics';

export const PartyRegistryRecordChainHeadPublished = defineRecordChainHeadEvent('PartyRegistryRecordChainHeadPublished', TOPICS.partyRegistry);
