import { isUuid } from '@sec-assure/rules';

/** Ids of this service are uuids; anything else cannot name one of its records (read as "not found"). */
export const isOwnId = isUuid;
