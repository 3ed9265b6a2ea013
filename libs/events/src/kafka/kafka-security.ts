import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';

/** TLS and SASL settings of the Kafka client, as kafkajs takes them. */
export interface KafkaSecurity {
  /** false: plaintext (local broker); otherwise TLS with these options. */
  ssl: false | ConnectionOptions;
  sasl: SASLOptions | undefined;
}

const MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
type Mechanism = (typeof MECHANISMS)[number];

export class KafkaSecurityConfigError extends Error {
  override readonly name = 'KafkaSecurityConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;
const read = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new KafkaSecurityConfigError(`${name}="${env[name] ?? ''}" is not valid: use true or false.`);
}

function pem(env: Env, name: string, readFile: (path: string) => string): string | undefined {
  const path = read(env, name);
  if (path === undefined) return undefined;
  try {
    return readFile(path);
  } catch (error) {
    throw new KafkaSecurityConfigError(`${name}="${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/**
 * Reads KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE,
 * KAFKA_SSL_REJECT_UNAUTHORIZED, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD.
 * Nothing set: plaintext, no authentication (the local broker). Any TLS file implies TLS. SASL PLAIN
 * is refused without TLS: it would send the password in clear.
 */
export function kafkaSecurityFromEnv(env: Env = process.env, readFile = (path: string): string => fs.readFileSync(path, 'utf8')): KafkaSecurity {
  const ca = pem(env, 'KAFKA_SSL_CA_FILE', readFile);
  const cert = pem(env, 'KAFKA_SSL_CERT_FILE', readFile);
  const key = pem(env, 'KAFKA_SSL_KEY_FILE', readFile);
  if ((cert === undefined) !== (key === undefined)) {
    throw new KafkaSecurityConfigError('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (client certificate and its key): set both or neither.');
  }
  const tls = flag(env, 'KAFKA_SSL', ca !== undefined || cert !== undefined);
  if (!tls && (ca !== undefined || cert !== undefined)) {
    throw new KafkaSecurityConfigError('KAFKA_SSL=false contradicts the KAFKA_SSL_*_FILE settings: remove them or set KAFKA_SSL=true.');
  }
  const rejectUnauthorized = flag(env, 'KAFKA_SSL_REJECT_UNAUTHORIZED', true);
  const ssl: KafkaSecurity['ssl'] = tls
    ? { rejectUnauthorized, ...(ca !== undefined ? { ca: [ca] } : {}), ...(cert !== undefined ? { cert, key } : {}) }
    : false;
  return { ssl, sasl: saslFromEnv(env, tls) };
}

function saslFromEnv(env: Env, tls: boolean): SASLOptions | undefined {
  const raw = read(env, 'KAFKA_SASL_MECHANISM');
  const username = read(env, 'KAFKA_SASL_USERNAME');
  const password = env['KAFKA_SASL_PASSWORD'];
  if (raw === undefined) {
    if (username !== undefined || password) {
      throw new KafkaSecurityConfigError('KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD are set but KAFKA_SASL_MECHANISM is not: set it to plain, scram-sha-256 or scram-sha-512.');
    }
    return undefined;
  }
  const mechanism = raw.toLowerCase() as Mechanism;
  if (!MECHANISMS.includes(mechanism)) {
    throw new KafkaSecurityConfigError(`KAFKA_SASL_MECHANISM="${raw}" is not supported: use ${MECHANISMS.join(', ')}.`);
  }
  if (username === undefined) throw new KafkaSecurityConfigError(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_USERNAME.`);
  if (!password) throw new KafkaSecurityConfigError(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_PASSWORD.`);
  if (mechanism === 'plain' && !tls) {
    throw new KafkaSecurityConfigError('KAFKA_SASL_MECHANISM=plain sends the password in clear: set KAFKA_SSL=true (and KAFKA_SSL_CA_FILE if needed).');
  }
  return { mechanism, username, password } as SASLOptions;
}
