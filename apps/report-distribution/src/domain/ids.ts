const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Document ids are uuids; anything else names no document (NOT_FOUND / null, never a 500). */
export const isUuid = (id: string): boolean => UUID.test(id);
