import { buildEvent } from './build-event';
import { parseEvent } from './parse-event';
import { TOPICS } from './topics';

const status = buildEvent('AssuranceStatusSet', {
  assessmentId: 'a-1',
  partyId: 'p-1',
  status: 'APPROVED_SUBJECT_TO',
  setOn: '2025-06-30',
  conditions: 'Patch the VPN concentrator',
  nextDueBy: '2026-06-30',
});

describe('parseEvent', () => {
  it('returns the typed envelope, narrowable by type', () => {
    const result = parseEvent(TOPICS.assessmentScheduling, Buffer.from(JSON.stringify(status)));
    if (!result.ok) throw result.error;
    expect(result.event).toEqual(status);
    if (result.event.type === 'AssuranceStatusSet') {
      // Compiles only because `data` is narrowed to AssuranceStatusSetData.
      expect(result.event.data.status).toBe('APPROVED_SUBJECT_TO');
    }
  });

  it('ignores data fields it does not know (added later within v1)', () => {
    const newer = { ...status, data: { ...status.data, auditor: 'someone' } };
    const result = parseEvent(TOPICS.assessmentScheduling, JSON.stringify(newer));
    expect(result.ok && result.event.data).toEqual(status.data);
  });

  it.each([
    ['invalid-json', 'not json {'],
    ['not-an-envelope', JSON.stringify({ hello: 'world' })],
    ['unknown-type', JSON.stringify({ ...status, type: 'SomethingNew' })],
    ['invalid-event', JSON.stringify({ ...status, data: { ...status.data, status: 'MAYBE' } })],
    ['invalid-event', JSON.stringify({ ...status, version: 2 })],
    ['invalid-event', JSON.stringify({ ...status, extra: true })],
    ['invalid-event', JSON.stringify({ ...status, source: 'party-registry' })],
  ])('reports %s', (kind, value) => {
    const result = parseEvent(TOPICS.assessmentScheduling, value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe(kind);
  });

  it('refuses an event type on a topic it does not belong to', () => {
    const result = parseEvent(TOPICS.partyRegistry, JSON.stringify(status));
    expect(!result.ok && result.error.kind).toBe('unknown-type');
  });

  it('reports an empty (tombstone) value', () => {
    expect(parseEvent(TOPICS.partyRegistry, null).ok).toBe(false);
  });
});
