import pino from 'pino';
import { Kafka } from 'kafkajs';
import { createKafka } from './create-kafka';
import { kafkaSecurityFromEnv } from './kafka-security';

jest.mock('kafkajs', () => ({ ...jest.requireActual<object>('kafkajs'), Kafka: jest.fn() }));

describe('createKafka', () => {
  const logger = pino({ level: 'silent' });

  it('ISSUE-11-6: passes TLS and SASL settings from the environment to the client', () => {
    const security = kafkaSecurityFromEnv({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' });
    createKafka({ brokers: ['kafka:9093'], clientId: 'c', logger, security });
    expect(Kafka).toHaveBeenLastCalledWith(
      expect.objectContaining({ ssl: { rejectUnauthorized: true }, sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' } }),
    );
  });

  it('plaintext without authentication when nothing is configured', () => {
    createKafka({ brokers: ['127.0.0.1:9092'], clientId: 'c', logger, security: kafkaSecurityFromEnv({}) });
    expect(Kafka).toHaveBeenLastCalledWith(expect.objectContaining({ ssl: undefined, sasl: undefined }));
  });
});
