import { formatMachineSpeed, jsUnit, measureMachineSpeed } from './machine-speed';

describe('machine speed (ISSUE-13: figures of runs taken at different moments)', () => {
  it('does the same fixed work for the same seed, and different work for another', () => {
    expect(jsUnit(7)).toBe(jsUnit(7));
    expect(jsUnit(7)).not.toBe(jsUnit(8));
    expect(jsUnit(7)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('measures both workloads against a live peer process and names them in one line', async () => {
    const speed = await measureMachineSpeed();
    for (const figure of [speed.jsPerSecond, speed.httpPerSecond, speed.httpCpuUsPerRequest]) {
      expect(Number.isFinite(figure)).toBe(true);
      expect(figure).toBeGreaterThan(0);
    }
    const line = formatMachineSpeed('before the cells', speed);
    expect(line).toContain('machine speed before the cells:');
    expect(line).toContain(`${Math.round(speed.httpPerSecond)} requests/s`);
  });
});
