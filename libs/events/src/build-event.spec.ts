import { buildEvent, eventBuilders, InvalidEventError } from './build-event';
import { TOPICS } from './topics';

const party = {
  partyId: 'party-1',
  name: 'Acme Energy',
  userRoles: ['IMPORT_SUPPLIER' as const],
  isSharedResourceProvider: false,
  domesticPremises: { count: 250_000, effectiveFrom: '2025-01-01' },
};

describe('buildEvent', () => {
  it('fills the envelope: uuid id, version 1, ISO instant, source of the topic, subject from the data', () => {
    const event = buildEvent('PartyRegistered', party, { occurredAt: new Date('2025-03-04T05:06:07.000Z') });
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'PartyRegistered',
      version: 1,
      occurredAt: '2025-03-04T05:06:07.000Z',
      source: 'party-registry',
      subject: 'party-1',
      data: party,
    });
  });

  it('refuses invalid data with a readable message', () => {
    expect(() => buildEvent('PartyRegistered', { ...party, domesticPremises: { count: -1, effectiveFrom: '2025-13-01' } })).toThrow(
      InvalidEventError,
    );
    expect(() =>
      buildEvent('DomesticPremisesRecorded', { partyId: 'p', count: 1, effectiveFrom: '01/02/2025' }),
    ).toThrow(/effectiveFrom/);
  });

  it('refuses a subject that is not the aggregate id', () => {
    expect(() => buildEvent('PartyRegistered', party, { subject: 'someone-else' })).toThrow(/subject/);
  });

  it('offers one builder per type', () => {
    const event = eventBuilders.VoteCast({ electionId: 'e-1', voterPartyId: 'p-1' });
    expect(event).toMatchObject({ type: 'VoteCast', source: 'ssc-membership', subject: 'e-1' });
    expect(TOPICS.sscMembership).toBe('sec.ssc-membership.v1');
  });
});
