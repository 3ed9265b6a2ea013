import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { rejoinableCommitError } from './group-errors';

// What kafkajs' retrier throws when a commit is refused: the protocol error, wrapped.
const refused = (type: string): { wrapped: Error; protocol: Error } => {
  const protocol = Object.assign(new KafkaJSProtocolError('The coordinator is not aware of this member'), { type });
  return { protocol, wrapped: Object.assign(new KafkaJSNonRetriableError(protocol), { cause: protocol }) };
};

describe('rejoinableCommitError (scale-out: a commit refused because the group moved on)', () => {
  it.each(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP'])(
    'unwraps %s so that kafkajs rejoins the group instead of crashing the consumer',
    (type) => {
      const { wrapped, protocol } = refused(type);
      expect(rejoinableCommitError(wrapped)).toBe(protocol);
      expect(rejoinableCommitError(protocol)).toBe(protocol);
    },
  );

  it('leaves any other failure as it is', () => {
    const { wrapped } = refused('TOPIC_AUTHORIZATION_FAILED');
    expect(rejoinableCommitError(wrapped)).toBe(wrapped);
    const plain = new Error('socket hang up');
    expect(rejoinableCommitError(plain)).toBe(plain);
    expect(rejoinableCommitError(undefined)).toBeUndefined();
  });
});
