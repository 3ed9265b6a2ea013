import { deadLetterTopic, isDeadLetterTopic, isTransientFailure } from './dead-letter';

describe('dead letters (ISSUE-11-6)', () => {
  it('ISSUE-11-6: one dead-letter topic per source topic and consumer group', () => {
    expect(deadLetterTopic('sec.party-registry.v1', 'assessment-scheduling.party-projection')).toBe(
      'sec.party-registry.v1.dlq.assessment-scheduling.party-projection',
    );
    expect(isDeadLetterTopic('sec.party-registry.v1.dlq.x')).toBe(true);
    expect(isDeadLetterTopic('sec.party-registry.v1')).toBe(false);
  });

  it.each([
    ['a connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server shutting down (57P01)', { message: 'terminating connection due to administrator command', code: '57P01' }],
    ['a serialisation conflict (40001), wrapped by TypeORM', { message: 'could not serialize access', driverError: { code: '40001' } }],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
  ])('ISSUE-11-6: %s says nothing about the event: retried without limit', (_label, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a check constraint (23514)', { message: 'violates check constraint', code: '23514' }],
    ['a foreign key (23503), wrapped', { message: 'violates foreign key', driverError: { code: '23503' } }],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('ISSUE-11-6: %s fails the same way every time: dead-lettered after bounded retries', (_label, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});
