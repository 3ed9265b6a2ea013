/** A Party as this subgraph knows it: a reference by id, resolved by party-registry. */
export interface PartyRef {
  id: string;
}

export const partyRef = (id: string): PartyRef & { __typename: 'Party' } => ({ __typename: 'Party', id });
