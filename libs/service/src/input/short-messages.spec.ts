import { shortenEchoedValues } from './short-messages';
import { DateScalar } from '../graphql/scalars';

describe('refusal messages stay readable (ISSUE-12-3)', () => {
  it('ISSUE-12-3: a huge echoed value is cut to its start and its length; the rest of the message is kept', () => {
    const huge = 'y'.repeat(6 * 1024 * 1024);
    const shortened = shortenEchoedValues({ message: `Variable "$input" got invalid value "${huge}" at "input.name"; Expected type "String".` });
    expect(shortened.message).toBe(`Variable "$input" got invalid value "${'y'.repeat(40)}…" (${huge.length} characters) at "input.name"; Expected type "String".`);
  });

  it('R-DIST-7: a refusal that names many items (30 documents, about 3,000 characters) reaches the caller whole', () => {
    const named = Array.from({ length: 30 }, (_, i) => `0000000${i}-0000-4000-8000-000000000000 "Report ${i}" (issued to the user on 2026-06-01)`).join(', ');
    const message = `The engagement cannot end on 2026-05-31: ... End it on 2026-06-01 or later. Issued after 2026-05-31: ${named}.`;
    expect(message.length).toBeGreaterThan(2500);
    expect(shortenEchoedValues({ message }).message).toBe(message);
  });

  it('ISSUE-12-3: the Date scalar names a refused value briefly, however large or deep it is', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1000; i++) deep = { a: deep };
    for (const value of ['y'.repeat(6 * 1024 * 1024), deep]) {
      let message = '';
      try {
        DateScalar.parseValue(value);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^Date must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999; got .{1,45}… \(\d+ characters\)$/);
    }
  });
});
