const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of this register are uuids; anything else cannot name a row (NOT_FOUND, never a database error). */
export const isUuid = (id: string): boolean => UUID.test(id);
