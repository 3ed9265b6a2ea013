import { CONTRACT_TOPIC_NAMING, TOPIC_NAMES, topicNaming, topicSuffixFromEnv } from './topics';

describe('the Kafka topics behind the contract topics (KAFKA_TOPIC_SUFFIX)', () => {
  it('are the contract names themselves unless a suffix is set', () => {
    expect(TOPIC_NAMES.map((t) => CONTRACT_TOPIC_NAMING.physical(t))).toEqual([...TOPIC_NAMES]);
    expect(topicSuffixFromEnv({})).toBe('');
    expect(topicSuffixFromEnv({ KAFKA_TOPIC_SUFFIX: '' })).toBe('');
  });

  it('with a suffix, map each contract topic to its own Kafka topic and back, and nothing else', () => {
    const naming = topicNaming('.e2e_1f');
    expect(naming.physical('sec.party-registry.v1')).toBe('sec.party-registry.v1.e2e_1f');
    expect(naming.contract('sec.party-registry.v1.e2e_1f')).toBe('sec.party-registry.v1');
    // The shared contract topic and a dead-letter topic are not this system's topics.
    expect(naming.contract('sec.party-registry.v1')).toBeUndefined();
    expect(naming.contract('sec.party-registry.v1.e2e_1f.dlq.g')).toBeUndefined();
  });

  it.each(['has space', 'a/b', 'x'.repeat(61), 'ünï'])('refuses the suffix %j, naming the variable and what it takes', (raw) => {
    expect(() => topicSuffixFromEnv({ KAFKA_TOPIC_SUFFIX: raw })).toThrow(`Configuration: KAFKA_TOPIC_SUFFIX="${raw}" is not valid (letters, digits, '.', '_' or '-', at most 60; leave it unset in production)`);
  });
});
