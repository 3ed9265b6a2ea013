import { KafkaSecurityConfigError, kafkaSecurityFromEnv } from './kafka-security';

const files: Record<string, string> = { '/ca.pem': 'CA', '/cert.pem': 'CERT', '/key.pem': 'KEY' };
const readFile = (path: string): string => {
  const content = files[path];
  if (content === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return content;
};
const security = (env: Record<string, string>) => kafkaSecurityFromEnv(env, readFile);

describe('kafkaSecurityFromEnv (ISSUE-11-6)', () => {
  it('nothing set: plaintext without authentication (the local broker)', () => {
    expect(security({})).toEqual({ ssl: false, sasl: undefined });
  });

  it('ISSUE-11-6: KAFKA_SSL=true with a CA file, a client certificate and SCRAM', () => {
    expect(
      security({
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: '/ca.pem',
        KAFKA_SSL_CERT_FILE: '/cert.pem',
        KAFKA_SSL_KEY_FILE: '/key.pem',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD: 'pw',
      }),
    ).toEqual({
      ssl: { rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' },
      sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 'pw' },
    });
  });

  it('ISSUE-11-6: a CA file alone implies TLS; certificate checks stay on unless turned off', () => {
    expect(security({ KAFKA_SSL_CA_FILE: '/ca.pem' }).ssl).toEqual({ rejectUnauthorized: true, ca: ['CA'] });
    expect(security({ KAFKA_SSL: 'true', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }).ssl).toEqual({ rejectUnauthorized: false });
  });

  it.each([
    [{ KAFKA_SSL: 'maybe' }, /KAFKA_SSL="maybe" is not valid/],
    [{ KAFKA_SSL_CA_FILE: '/nope.pem' }, /KAFKA_SSL_CA_FILE="\/nope.pem" cannot be read \(ENOENT\)/],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: '/cert.pem' }, /KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together/],
    [{ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '/ca.pem' }, /contradicts/],
    [{ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, /not supported/],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_PASSWORD: 'p' }, /needs KAFKA_SASL_USERNAME/],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u' }, /needs KAFKA_SASL_PASSWORD/],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, /password in clear: set KAFKA_SSL=true/],
    [{ KAFKA_SASL_USERNAME: 'u' }, /KAFKA_SASL_MECHANISM is not/],
  ])('ISSUE-11-6: refuses %j, naming the variable', (env, message) => {
    expect(() => security(env)).toThrow(KafkaSecurityConfigError);
    expect(() => security(env)).toThrow(message);
  });
});
