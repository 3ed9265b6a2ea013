/** A Party as this subgraph returns it: the key only; party-registry resolves the rest. */
export interface PartyRef {
  id: string;
}

export const partyRef = (id: string): PartyRef => ({ id });
