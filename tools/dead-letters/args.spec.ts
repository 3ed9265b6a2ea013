import { UsageError, parseCommand, selectLetters } from './args';

const DLQ = 'sec.party-registry.v1.dlq.assessment-scheduling.party-registry-projection';

describe('dead-letters arguments (ISSUE-11-6)', () => {
  it('ISSUE-11-6: reads topics, list and replay commands', () => {
    expect(parseCommand(['topics'])).toEqual({ kind: 'topics' });
    expect(parseCommand(['list', DLQ])).toEqual({ kind: 'list', topic: DLQ });
    expect(parseCommand(['replay', DLQ, '--all'])).toEqual({ kind: 'replay', topic: DLQ, select: 'all' });
    expect(parseCommand(['replay', DLQ, '--at', '0:12', '--at', '2:3'])).toEqual({
      kind: 'replay',
      topic: DLQ,
      select: [{ partition: 0, offset: '12' }, { partition: 2, offset: '3' }],
    });
  });

  it.each([
    [['frobnicate'], /unknown command/],
    [['list'], /needs a dead-letter topic/],
    [['replay', 'sec.party-registry.v1', '--all'], /needs a dead-letter topic/],
    [['replay', DLQ], /either --all or one or more --at/],
    [['replay', DLQ, '--all', '--at', '0:1'], /either --all or one or more --at/],
    [['replay', DLQ, '--at', '12'], /must look like 0:42/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });

  it('ISSUE-11-6: selects the letters asked for, and refuses a position without one', () => {
    const letters = [{ partition: 0, offset: '1' }, { partition: 0, offset: '2' }, { partition: 1, offset: '1' }];
    expect(selectLetters(letters, 'all')).toEqual(letters);
    expect(selectLetters(letters, [{ partition: 1, offset: '1' }])).toEqual([{ partition: 1, offset: '1' }]);
    expect(() => selectLetters(letters, [{ partition: 3, offset: '1' }])).toThrow(/no dead letter at 3:1/);
  });
});
