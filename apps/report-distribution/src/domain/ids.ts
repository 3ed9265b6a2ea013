/** Document ids are uuids; anything else names no document (NOT_FOUND / null, never a 500). */
export { isUuid } from '@sec-assure/rules';
