const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of this service are uuids; anything else cannot name one of its records (read as "not found"). */
export const isOwnId = (id: string): boolean => UUID.test(id);
