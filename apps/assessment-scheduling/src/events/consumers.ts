/** Name of the register projection's consumer: its group suffix and its processed_event key (keep it stable). */
export const PARTY_PROJECTION_CONSUMER = 'party-projection';
