import { londonDayOf } from '@sec-assure/rules';
import type { TopicEnds } from '@sec-assure/auth';
import type { Answer, ShareableQuery } from './shared-answers';

/**
 * Root fields whose answers depend only on committed state, the caller and the London day: every
 * change to that state is published on the four topics (contract README §3) and a mutation is
 * answered only once its events are there (libs/events/src/outbox/publication.ts). Exports that
 * stamp the instant they were made (assessmentCalendar, schedulingExport, registerExport,
 * distributionPack), introspection and any field not named here are never kept: a new root field
 * is fresh on every request until someone decides otherwise here.
 */
export const KEPT_ROOT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'requiredAssessment',
  'assessment',
  'assessmentsDue',
  'asKnownOn',
  'assessmentLoad',
  'nonComplianceCase',
  'nonComplianceCases',
  'party',
  'parties',
  'partyByName',
  'sharedResource',
  'engagement',
  'document',
  'unacknowledgedDocuments',
  'sscSeats',
  'election',
  'elections',
]);

/**
 * Root fields whose answers depend on their arguments and the day alone (pure rules): kept without
 * reading the topics' ends, as the subgraph answers them without its projections.
 */
export const PURE_ROOT_FIELDS: ReadonlySet<string> = new Set(['__typename', 'requiredAssessment']);

/** Queries seen once, remembered so that the second one is kept: beyond it, the oldest is forgotten. */
const SEEN_KEYS = 20_000;

export interface KeptAnswersLimits {
  /** How long an answer may be kept at most, whatever the topics say (GATEWAY_KEEP_ANSWERS_SECONDS). */
  maxAgeMs: number;
  maxEntries: number;
  /** Bytes of answer bodies kept at most; the least recently used go first. */
  maxBytes: number;
}

/** What an answer was given on: the topics' ends, the London day, the gateway's writes. */
export interface Moment {
  /** The ends as one string, in a fixed order of topics and partitions. */
  ends: string;
  day: string;
  generation: number;
}

/** One query's use of the kept answers: its answer if one is kept, and where to keep its own. */
export interface Keeping {
  /** The key to share in-flight answers under: only requests on the same moment share. */
  key: string;
  hit: Answer | undefined;
  /** Keeps a clean answer, unless a write went through the gateway or the day turned meanwhile. */
  keep: (answer: Answer | null) => void;
}

interface Kept {
  answer: Answer;
  moment: Moment;
  at: number;
  bytes: number;
}

/** Close to midnight a subgraph's clock may still be on the other day: nothing is kept then. */
const DAY_EDGE_MS = 10_000;

/**
 * Answers of queries kept after they were sent, each given again to the same caller's identical
 * request for as long as nothing it could depend on has changed:
 * - the topics' ends, read (after the request arrived) before any subgraph call and signed into
 *   every call, so each subgraph answers from projections that hold at least those ends; a change
 *   anywhere moves an end, and a read after a change's mutation was answered sees the moved end;
 * - the London day, which every rule reads ("today");
 * - the writes through this gateway (a generation counted at each mutation's start and end), so a
 *   query that overlapped a mutation is never kept, nor answered from what was kept before it;
 * - and an age limit, a bound on anything that changes state without an event (a repair by hand).
 * Only clean answers (status 200, no errors), as for the in-flight sharing (shared-answers.ts).
 */
export class KeptAnswers {
  private readonly kept = new Map<string, Kept>();
  private readonly seen = new Set<string>();
  private bytes = 0;
  private generation = 0;

  constructor(
    private readonly limits: KeptAnswersLimits,
    private readonly rootFields: ReadonlySet<string> = KEPT_ROOT_FIELDS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A mutation starts: what was kept is no longer given, and nothing running now is kept. Call the result when it ends. */
  writeStarts(): () => void {
    this.generation += 1;
    this.clear();
    return () => {
      this.generation += 1;
      this.clear();
    };
  }

  /** Whether answers of this query may be kept: a query whose root fields are all known to depend on state only. */
  allows(query: ShareableQuery): boolean {
    return query.rootFields !== null && query.rootFields.every((field) => this.rootFields.has(field));
  }

  /**
   * Whether to keep this query's answer: only from its second time (or while one is kept). A query
   * seen once costs nothing more than before; keeping one means reading the topics' ends before its
   * first subgraph call, a broker round trip that a query never asked again would pay for nothing.
   */
  repeated(query: ShareableQuery): boolean {
    if (this.seen.has(query.key)) return true;
    if (this.seen.size >= SEEN_KEYS) this.seen.delete(this.seen.values().next().value as string);
    this.seen.add(query.key);
    return false;
  }

  /** Whether the query's answers depend on committed state (else on its arguments and the day alone: no topics' ends needed). */
  needsEnds(query: ShareableQuery): boolean {
    return query.rootFields === null || !query.rootFields.every((field) => PURE_ROOT_FIELDS.has(field));
  }

  /** The query's keeping on the topics' ends just read (null when the broker did not tell: nothing kept). */
  on(query: ShareableQuery, ends: TopicEnds | null): Keeping | null {
    if (ends === null) return null;
    const started = this.now();
    const moment: Moment = { ends: endsKey(ends), day: londonDayOf(new Date(started)), generation: this.generation };
    return {
      key: `${query.key}\u0000${moment.ends}`,
      // One answer per query: an answer on other ends is dropped as the query comes again.
      hit: this.get(query.key, moment, started),
      keep: (answer) => {
        if (answer === null || !isClean(answer)) return;
        const ended = this.now();
        if (this.generation !== moment.generation || !sameDayAround(started, moment.day) || !sameDayAround(ended, moment.day)) return;
        this.put(query.key, { answer, moment, at: ended, bytes: answer.body.length });
      },
    };
  }

  get size(): number {
    return this.kept.size;
  }

  private get(key: string, moment: Moment, now: number): Answer | undefined {
    const kept = this.kept.get(key);
    if (kept === undefined) return undefined;
    const current = kept.moment.generation === moment.generation && kept.moment.day === moment.day && kept.moment.ends === moment.ends && now - kept.at <= this.limits.maxAgeMs;
    this.remove(key, kept);
    if (!current) return undefined;
    // Most recently used last: the first in the map is the next to go.
    this.kept.set(key, kept);
    this.bytes += kept.bytes;
    return kept.answer;
  }

  private put(key: string, kept: Kept): void {
    if (kept.bytes > this.limits.maxBytes) return;
    const before = this.kept.get(key);
    if (before) this.remove(key, before);
    this.kept.set(key, kept);
    this.bytes += kept.bytes;
    for (const [oldest, entry] of this.kept) {
      if (this.kept.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.remove(oldest, entry);
    }
  }

  private remove(key: string, kept: Kept): void {
    this.kept.delete(key);
    this.bytes -= kept.bytes;
  }

  private clear(): void {
    this.kept.clear();
    this.bytes = 0;
  }
}

/** The ends in a fixed order, whatever order the broker listed them in. */
export function endsKey(ends: TopicEnds): string {
  return Object.keys(ends)
    .sort()
    .map((topic) => `${topic}=${ends[topic]?.join(',') ?? ''}`)
    .join(';');
}

function sameDayAround(instant: number, day: string): boolean {
  return londonDayOf(new Date(instant - DAY_EDGE_MS)) === day && londonDayOf(new Date(instant + DAY_EDGE_MS)) === day;
}

/** Status 200 and no top-level errors: as shared-answers.ts decides what may be shared. */
function isClean(answer: Answer): boolean {
  return answer.status === 200 && !answer.body.includes('"errors":');
}
