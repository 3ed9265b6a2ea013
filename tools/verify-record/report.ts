import type { Verdict } from './verify';
import type { TopicVerdict } from './verify-topic';

/** One paragraph a person can read: clean, or the first entry that does not verify and why. */
export function formatVerdict(source: string, v: Verdict): string {
  const head = `head ${v.head.seq} ${v.head.hash}`;
  if (v.ok) return `record of ${source}: OK, ${v.entries} entries verify; ${head}`;
  const f = v.failure!;
  const where = f.seq > 0 ? `entry ${f.seq}` : 'a source row';
  return `record of ${source}: FAILED at ${where} (${f.table} ${f.key}): ${f.reason}; ${v.entries} entries read; ${head}`;
}

/** The --topic verdict in one paragraph: the topic's own checks, then (with a database) the comparison and the database's own chain. */
export function formatTopicVerdict(topic: string, t: TopicVerdict, database: Verdict | null, against?: string): string {
  const covered = t.heads === 0 ? 'no heads published yet' : `${t.heads} heads cover entries ${t.from}..${t.to}`;
  const head = `head ${t.head.seq} ${t.head.hash}`;
  if (!t.ok) {
    const f = t.failure!;
    const where = f.seq > 0 ? `entry ${f.seq}` : 'an event';
    const read = t.to > 0 ? covered : `${t.heads} heads read`;
    return `record on topic ${topic}${against ? ` against ${against}` : ''}: FAILED at ${where} (${f.table} ${f.key}): ${f.reason}; ${read}; last ${head}`;
  }
  const notes = [
    `${t.eventsRecomputed} events hash as chained`,
    `${t.eventsNotYetCovered} newer than the last head`,
    ...(t.chainedEventsMissing > 0 ? [`${t.chainedEventsMissing} chained events not on the topic`] : []),
    ...(t.unreadable > 0 ? [`${t.unreadable} messages not an event`] : []),
  ].join(', ');
  const topicPart = `${covered} and link up; ${notes}; ${head}`;
  if (database === null) return `record on topic ${topic}: OK, ${topicPart}`;
  if (!database.ok) {
    const f = database.failure!;
    const where = f.seq > 0 ? `entry ${f.seq}` : 'a source row';
    return `record on topic ${topic} against ${against}: FAILED at ${where} (${f.table} ${f.key}) in the database: ${f.reason}; topic: ${topicPart}`;
  }
  return `record on topic ${topic} against ${against}: OK, ${topicPart}; ${t.comparedWithDatabase} published entries equal the database's; the database's ${database.entries} entries verify (head ${database.head.seq})`;
}
