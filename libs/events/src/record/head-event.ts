// The chain head of a service's record, published on the service's own topic (one event type per
// topic, all from this one factory: types are unique across topics, so each topic folder holds its
// own definition and the registry, schemas and AsyncAPI derive it like any other event).
//
// The data is the skeleton of the chain only: for each entry since the previous head its seq,
// source table and key, content hash, previous hash and hash. No row content: every service reads
// the topics, and audit entries or documents hold confidential fields. The one exception is an
// entry of an event of this topic (an outbox row): its content less the payload, which is the event
// itself and already on the topic, so that a reader of the topic alone can recompute that entry's
// content hash from the event as published (tools/verify-record --topic).
import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import type { TopicName } from '../topics';

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lower-case hex');
const Seq = z.number().int().positive();

/** Stands for the payload in an outbox entry's content text (a jsonb string, so it cannot clash with structure). */
export const RECORD_PAYLOAD_PLACEHOLDER = '$payload$';
/** The payload member exactly as PostgreSQL renders it in the content text with the placeholder in it. */
export const RECORD_PAYLOAD_MEMBER = `"payload": "${RECORD_PAYLOAD_PLACEHOLDER}"`;

export const RecordChainEntrySkeleton = z.object({
  seq: Seq,
  sourceTable: z.string().min(1),
  sourceKey: z.string(),
  contentHash: Hash,
  previousHash: Hash,
  hash: Hash.describe('sha256("<seq>:<previousHash>:<contentHash>")'),
  outboxContent: z
    .string()
    .optional()
    .describe(`Only for an event of this topic: the entry's content text with its payload replaced by "${RECORD_PAYLOAD_PLACEHOLDER}"; with the event's value in its place it hashes to contentHash.`),
});
export type RecordChainEntrySkeleton = z.infer<typeof RecordChainEntrySkeleton>;

export const RecordChainHeadPublishedData = z.object({
  /** `record:<service>`: the subject, so every head of a service is on one partition, in order. */
  chain: Id,
  head: z.object({ seq: Seq, hash: Hash }),
  /** Contiguous, oldest first, ending at the head; the first links to the previous head. */
  entries: z.array(RecordChainEntrySkeleton).min(1),
});
export type RecordChainHeadPublishedData = z.infer<typeof RecordChainHeadPublishedData>;

/** The subject of a service's head events. */
export const recordChainName = (service: string): string => `record:${service}`;

/** One topic's head event: `<Service>RecordChainHeadPublished` on that service's topic. */
export function defineRecordChainHeadEvent<const T extends `${string}RecordChainHeadPublished`, const Tp extends TopicName>(type: T, topic: Tp) {
  return defineEvent({
    type,
    topic,
    description:
      "The head of the service's tamper-evident record and the skeleton (hashes, no row content) of every entry since the previous head; published when the chain advanced. tools/verify-record --topic checks the chain from the topic alone, or against a database.",
    subjectField: 'chain',
    data: RecordChainHeadPublishedData,
  });
}
