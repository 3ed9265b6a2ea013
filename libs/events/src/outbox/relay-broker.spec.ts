import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { isBrokerAway } from './relay-broker';

const protocolError = (type: string, retriable: boolean): Error => new KafkaJSProtocolError({ type, code: 1, retriable, message: type } as never);

// A broker outage must not put rows in a back-off that outlasts it (the fault harness saw 6-16 s
// of recovery after a 1 s outage); a row's own failure still must.
describe('isBrokerAway', () => {
  it('ISSUE-12-1: a refused or lost connection, also wrapped by kafkajs retries, is the broker being away', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:39193'), { code: 'ECONNREFUSED' });
    expect(isBrokerAway(refused)).toBe(true);
    expect(isBrokerAway(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'))).toBe(true);
    expect(isBrokerAway(new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection timeout') as never, { retryCount: 5, retryTime: 2000 } as never))).toBe(true);
    // kafkajs' own wrapper takes the cause as a second argument its types leave out.
    const Wrapper = KafkaJSNonRetriableError as unknown as new (message: string, options: { cause: Error }) => Error;
    expect(isBrokerAway(new Wrapper('wrapped', { cause: protocolError('COORDINATOR_NOT_AVAILABLE', true) }))).toBe(true);
  });

  it("ISSUE-12-1: a row's own failure, a fenced producer or a plain error are not", () => {
    expect(isBrokerAway(protocolError('MESSAGE_TOO_LARGE', false))).toBe(false);
    expect(isBrokerAway(protocolError('INVALID_PRODUCER_EPOCH', false))).toBe(false);
    expect(isBrokerAway(protocolError('PRODUCER_FENCED', false))).toBe(false);
    expect(isBrokerAway(new Error('value does not parse'))).toBe(false);
    expect(isBrokerAway('not an error')).toBe(false);
    expect(isBrokerAway(undefined)).toBe(false);
  });
});
