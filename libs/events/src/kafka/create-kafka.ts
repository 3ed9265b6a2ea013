import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { pinoLogCreator } from './log-creator';
import type { KafkaSecurity } from './kafka-security';

export { KafkaSecurityConfigError, kafkaSecurityFromEnv, type KafkaSecurity } from './kafka-security';

export interface CreateKafkaOptions {
  /** e.g. ['127.0.0.1:9092'] */
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** kafkajs log level before mapping to pino (default WARN: kafkajs INFO is chatty). */
  logLevel?: logLevel;
  /** Client retry settings (default: kafkajs's, 5 retries). */
  retry?: KafkaConfig['retry'];
  connectionTimeout?: number;
  requestTimeout?: number;
  /** TLS/SASL (see kafkaSecurityFromEnv); plaintext without authentication when absent. */
  security?: KafkaSecurity;
}

export function createKafka(options: CreateKafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator: pinoLogCreator(options.logger.child({ component: 'kafkajs' })),
    retry: options.retry,
    connectionTimeout: options.connectionTimeout,
    requestTimeout: options.requestTimeout,
    ssl: options.security?.ssl === false ? undefined : options.security?.ssl,
    sasl: options.security?.sasl,
  });
}

/** Brokers from a comma-separated list such as the KAFKA_BROKERS environment variable. */
export function parseBrokers(value: string | undefined, fallback = '127.0.0.1:9092'): string[] {
  return (value ?? fallback)
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}
