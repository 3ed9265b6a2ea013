import { createHash } from 'node:crypto';
import { KafkaJSNonRetriableError, KafkaJSProtocolError, type Producer, type ProducerRecord } from 'kafkajs';
import { DEAD_LETTER_HEADERS, deadLetterTopic, isDeadLetterTopic, isMessageTooLarge, isTransientFailure, sendToDeadLetters } from './dead-letter';

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

  const tooLarge = (): Error => new KafkaJSProtocolError({ type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false, message: 'The request included a message larger than the max message size the server will accept' } as never);

  it('a refusal as too large is recognised, also wrapped; other refusals are not', () => {
    expect(isMessageTooLarge(tooLarge())).toBe(true);
    const Wrapper = KafkaJSNonRetriableError as unknown as new (message: string, options: { cause: Error }) => Error;
    expect(isMessageTooLarge(new Wrapper('wrapped', { cause: tooLarge() }))).toBe(true);
    expect(isMessageTooLarge(new KafkaJSProtocolError({ type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true, message: 'x' } as never))).toBe(false);
    expect(isMessageTooLarge(new Error('MESSAGE_TOO_LARGE'))).toBe(false);
  });

  it('a value the broker refuses once the dead-letter headers are added goes without its value, which the letter says where to read: the partition moves on', async () => {
    const sent: ProducerRecord[] = [];
    const producer = {
      send: async (record: ProducerRecord) => {
        sent.push(record);
        if (record.messages[0]!.value !== null) throw tooLarge();
        return [];
      },
    } as unknown as Producer;
    const value = Buffer.from('x'.repeat(2000));
    const message = { key: Buffer.from('k1'), value, headers: { 'correlation-id': 'c1' }, offset: '41', timestamp: '0', attributes: 0 };
    await sendToDeadLetters(producer, { topic: 'sec.party-registry.v1', partition: 2, message, groupId: 'g' }, { kind: 'unreadable', error: new Error('not an event'), attempts: 1 });
    expect(sent).toHaveLength(2);
    const letter = sent[1]!.messages[0]!;
    expect(sent[1]!.topic).toBe('sec.party-registry.v1.dlq.g');
    expect(letter.key).toEqual(Buffer.from('k1'));
    expect(letter.value).toBeNull();
    expect(letter.headers).toMatchObject({
      'correlation-id': 'c1',
      [DEAD_LETTER_HEADERS.kind]: 'unreadable',
      [DEAD_LETTER_HEADERS.sourceOffset]: '41',
      [DEAD_LETTER_HEADERS.valueOmitted]: '2000 bytes: too large to copy with the dead-letter headers; read it at sec.party-registry.v1 partition 2 offset 41',
      [DEAD_LETTER_HEADERS.valueSha256]: createHash('sha256').update(value).digest('hex'),
    });
  });

  it('any other refusal is left to the writer, which retries', async () => {
    const producer = { send: async () => Promise.reject(new Error('broker away')) } as unknown as Producer;
    const message = { key: null, value: Buffer.from('{}'), headers: {}, offset: '1', timestamp: '0', attributes: 0 };
    await expect(sendToDeadLetters(producer, { topic: 't', partition: 0, message, groupId: 'g' }, { kind: 'handler', error: new Error('x'), attempts: 3 })).rejects.toThrow('broker away');
  });
});
