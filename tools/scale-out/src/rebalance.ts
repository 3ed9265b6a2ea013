import type { Kafka } from 'kafkajs';
import { assignments, type Assignment } from './kafka-audit';

export interface GroupMove {
  groupId: string;
  /** Assignment just before the kill, one entry per member. */
  before: Assignment[];
  after: Assignment[];
  /** Partitions held by members that are gone after the kill, now held by the ones left. */
  moved: string[];
  /** From the kill to a stable group whose live members hold every partition; null if never. */
  seconds: number | null;
}

const allPartitions = (members: readonly Assignment[]): string[] => members.flatMap((m) => m.partitions).sort();

/** Waits until each group is stable with `members` members holding every one of `partitions`. */
export async function waitForGroups(kafka: Kafka, groups: ReadonlyArray<{ groupId: string; partitions: number }>, members: number, timeoutMs: number): Promise<Map<string, Assignment[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await assignments(kafka, groups.map((g) => g.groupId));
    const settled = groups.every(({ groupId, partitions }) => {
      const group = now.get(groupId);
      return group?.state === 'Stable' && group.members.length === members && allPartitions(group.members).length === partitions;
    });
    if (settled) return new Map([...now].map(([id, g]) => [id, g.members]));
    if (Date.now() > deadline) {
      const seen = [...now].map(([id, g]) => `${id}: ${g.state}, ${g.members.length} members, ${allPartitions(g.members).length} partitions`);
      throw new Error(`groups not settled with ${members} members within ${timeoutMs} ms (${seen.join('; ')})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * After a kill at `killedAt`: polls each group until its live members hold every partition again,
 * and names what moved (a member keeps its id across rebalances, so the member missing after is the
 * one that died).
 */
export async function watchRebalance(kafka: Kafka, groups: ReadonlyArray<{ groupId: string; partitions: number }>, before: Map<string, Assignment[]>, killedAt: number, expectedMembers: number, timeoutMs: number): Promise<GroupMove[]> {
  const moves = new Map<string, GroupMove>(groups.map(({ groupId }) => [groupId, { groupId, before: before.get(groupId) ?? [], after: [], moved: [], seconds: null }]));
  const deadline = killedAt + timeoutMs;
  while ([...moves.values()].some((m) => m.seconds === null) && Date.now() < deadline) {
    const now = await assignments(kafka, groups.map((g) => g.groupId));
    for (const { groupId, partitions } of groups) {
      const move = moves.get(groupId)!;
      const group = now.get(groupId);
      if (move.seconds !== null || group === undefined) continue;
      if (group.state === 'Stable' && group.members.length === expectedMembers && allPartitions(group.members).length === partitions) {
        const alive = new Set(group.members.map((m) => m.memberId));
        move.after = group.members;
        move.moved = move.before.filter((m) => !alive.has(m.memberId)).flatMap((m) => m.partitions);
        move.seconds = (Date.now() - killedAt) / 1000;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return [...moves.values()];
}
