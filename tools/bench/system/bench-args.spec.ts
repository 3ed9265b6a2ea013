import { BenchUsageError, parseBenchArgs, selectReads } from './bench-args';

describe('system-bench arguments', () => {
  it('gives the documented defaults when nothing is passed', () => {
    const args = parseBenchArgs([]);
    expect(args).toMatchObject({ help: false, mode: 'prod', seconds: 5, warmup: 1, writeWarmup: 20, rounds: 1, connections: [1, 8, 32], reads: [], writeRates: [20, 150], large: 10000, hive: true, dedup: 'default', unkept: true, portBase: 4300, cpuProf: false });
    expect([...args.skip]).toEqual([]);
  });

  it('reads every option the usage names', () => {
    const args = parseBenchArgs(['--mode', 'dev', '--seconds', '2.5', '--warmup', '0', '--write-warmup', '0', '--rounds', '3', '--connections', '1, 8', '--reads', 'nextAssessment,documents', '--skip', 'hop,writes', '--write-rates', '150', '--large', '0', '--hive', 'off', '--dedup', 'off', '--unkept', 'off', '--port-base', '4400', '--label', 'x', '--cpu-prof', '--root', '/tmp/wt']);
    expect(args).toMatchObject({ mode: 'dev', seconds: 2.5, warmup: 0, writeWarmup: 0, rounds: 3, connections: [1, 8], reads: ['nextAssessment', 'documents'], writeRates: [150], large: 0, hive: false, dedup: 'off', unkept: false, portBase: 4400, label: 'x', cpuProf: true, root: '/tmp/wt' });
    expect([...args.skip].sort()).toEqual(['hop', 'writes']);
  });

  it('answers --help without starting anything', () => {
    expect(parseBenchArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--halp'], /Unknown option '--halp'/],
    [['--seconds'], /argument missing/],
    [['--seconds', 'five'], /--seconds must be a number above 0 \(got "five"\)/],
    [['--rounds', '0'], /--rounds must be a whole number, 1 or more/],
    [['--connections', '8,x'], /--connections must be a whole number/],
    [['--skip', 'hops'], /--skip must be one of hop, writes \(got "hops"\)/],
    [['--hive', 'no'], /--hive must be one of on, off/],
    [['--mode', 'production'], /--mode must be one of prod, dev/],
    [['--dedup', 'none'], /--dedup must be one of default, off, all/],
    [['stray'], /Unexpected argument 'stray'/],
  ])('refuses %j with a message that says what to fix', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe('selecting reads by words', () => {
  const reads = [{ name: 'requiredAssessment (pure rules)' }, { name: 'parties + nextAssessment' }, { name: 'parties + documentsReceived' }];

  it('keeps every read without words, none with "none", and those holding a word otherwise', () => {
    expect(selectReads(reads, [])).toHaveLength(3);
    expect(selectReads(reads, ['none'])).toEqual([]);
    expect(selectReads(reads, ['nextAssessment', 'documents']).map((r) => r.name)).toEqual(['parties + nextAssessment', 'parties + documentsReceived']);
  });

  it('refuses a word that matches no read, listing the reads', () => {
    expect(() => selectReads(reads, ['nextAssesment'])).toThrow(/--reads "nextAssesment" matches no read; the reads are:\n {2}requiredAssessment/);
  });
});
