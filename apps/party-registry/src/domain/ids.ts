/** Ids of this register are uuids; anything else cannot name a row (NOT_FOUND, never a database error). */
export { isUuid } from '@sec-assure/rules';
