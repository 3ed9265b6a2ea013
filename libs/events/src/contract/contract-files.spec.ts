import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVENTS_LIB_ROOT, renderContractFiles } from './render';

// Fails when someone changed a zod schema without regenerating the published contract.
describe('committed contract files', () => {
  const files = renderContractFiles();

  it.each([...files.keys()])('%s is up to date (run: npx tsx libs/events/scripts/generate.ts)', (relative) => {
    const committed = fs.readFileSync(path.join(EVENTS_LIB_ROOT, relative), 'utf8');
    expect(committed).toBe(files.get(relative));
  });

  it('has no schema file for an event type that no longer exists', () => {
    const onDisk = fs.readdirSync(path.join(EVENTS_LIB_ROOT, 'schemas')).map((f) => path.join('schemas', f));
    expect(onDisk.filter((f) => !files.has(f))).toEqual([]);
  });
});
