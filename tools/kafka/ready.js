// Exit 0 when the broker at argv[2] answers a Metadata request and lists itself as a broker
// with a known controller; exit 1 otherwise. Used by kafka.sh to prove readiness (an open port
// only proves that the JVM bound the socket, not that the broker joined its KRaft quorum).
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const broker = process.argv[2] || '127.0.0.1:9092';

async function main() {
  const kafka = new Kafka({
    clientId: 'sec-assure-kafka-ready',
    brokers: [broker],
    connectionTimeout: 2000,
    requestTimeout: 3000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null || cluster.controller < 0) {
      throw new Error(`no broker/controller yet: ${JSON.stringify(cluster)}`);
    }
    process.stdout.write(`${JSON.stringify(cluster)}\n`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
