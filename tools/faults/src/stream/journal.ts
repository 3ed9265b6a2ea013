import type { Subgraph } from '../../../bench/system/processes';

/** What proves a mutation was stored: an outbox event of `type` whose payload holds every string. */
export interface Evidence {
  type: string;
  contains: string[];
}

/** One mutation as the client saw it. */
export interface Sent {
  mutation: string;
  service: Subgraph;
  evidence: Evidence;
  /** The answer carried data and no error. */
  ok: boolean;
  /** The contract code, `HTTP <status>`, or `no answer`. */
  failure?: string;
  status: number;
  startedAt: number;
  endedAt: number;
}

/** A process stopped (or PostgreSQL restarting) from `from` to `to`: answers lost then are in doubt. */
export interface Outage {
  /** The service whose requests it cuts, or 'all' (PostgreSQL, the broker does not cut requests). */
  affects: Subgraph | 'all';
  from: number;
  to: number;
}

/** The client's journal: every mutation it sent, and the outages the harness caused. */
export class Journal {
  readonly sent: Sent[] = [];
  readonly outages: Outage[] = [];

  /** A failed mutation whose request overlapped an outage of its service may have committed unseen. */
  inDoubt(s: Sent): boolean {
    return !s.ok && this.outages.some((o) => (o.affects === 'all' || o.affects === s.service) && s.startedAt <= o.to && s.endedAt >= o.from);
  }
}
