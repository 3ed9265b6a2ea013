import { testLogger } from '../testing';
import { OffsetCommitter, type TopicPartitionOffset } from './offset-committer';

describe('OffsetCommitter (a consumer’s offset commits, gathered off the handling path)', () => {
  let commits: TopicPartitionOffset[][];
  let failNext: boolean;
  const commit = async (offsets: TopicPartitionOffset[]): Promise<void> => {
    if (failNext) {
      failNext = false;
      throw new Error('REBALANCE_IN_PROGRESS');
    }
    commits.push(offsets.map((o) => ({ ...o })));
  };
  beforeEach(() => {
    commits = [];
    failNext = false;
  });
  const sorted = (offsets: TopicPartitionOffset[] | undefined): string[] => (offsets ?? []).map((o) => `${o.topic}:${o.partition}@${o.offset}`).sort();

  it('gathers the positions stored within the linger into one commit, the newest per partition', async () => {
    const committer = new OffsetCommitter(commit, testLogger(), 10_000);
    committer.stored('t', 0, 5n);
    committer.stored('t', 0, 7n);
    committer.stored('t', 1, 3n);
    committer.stored('u', 0, 1n);
    expect(commits).toEqual([]);
    await committer.flush();
    expect(commits).toHaveLength(1);
    expect(sorted(commits[0])).toEqual(['t:0@7', 't:1@3', 'u:0@1']);
    committer.close();
  });

  it('commits by itself after the linger', async () => {
    const committer = new OffsetCommitter(commit, testLogger(), 5);
    committer.stored('t', 0, 2n);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sorted(commits[0])).toEqual(['t:0@2']);
    committer.close();
  });

  it('never moves a partition back, and commits nothing when nothing is new', async () => {
    const committer = new OffsetCommitter(commit, testLogger(), 10_000);
    committer.stored('t', 0, 9n);
    await committer.flush();
    committer.stored('t', 0, 4n);
    committer.stored('t', 0, 9n);
    await committer.flush();
    expect(commits).toHaveLength(1);
    committer.close();
  });

  it('keeps a refused commit for the next one, unless a newer position came meanwhile', async () => {
    const committer = new OffsetCommitter(commit, testLogger(), 10_000);
    committer.stored('t', 0, 3n);
    committer.stored('t', 1, 6n);
    failNext = true;
    await committer.flush();
    expect(commits).toEqual([]);
    committer.stored('t', 1, 8n);
    await committer.flush();
    expect(sorted(commits[0])).toEqual(['t:0@3', 't:1@8']);
    committer.close();
  });

  it('after a rebalance, drops the positions of partitions another member took (their offsets would move back)', async () => {
    const committer = new OffsetCommitter(commit, testLogger(), 10_000);
    committer.assign([{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }]);
    committer.stored('t', 0, 4n);
    committer.stored('t', 1, 4n);
    committer.assign([{ topic: 't', partition: 1 }]);
    committer.stored('t', 0, 5n);
    await committer.flush();
    expect(sorted(commits[0])).toEqual(['t:1@4']);
    committer.close();
  });

  it('close drops what is pending and stops the timer', async () => {
    const committer = new OffsetCommitter(commit, testLogger(), 5);
    committer.stored('t', 0, 2n);
    committer.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(commits).toEqual([]);
  });
});
