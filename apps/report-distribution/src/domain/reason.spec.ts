import { MAX_REASON_LENGTH, validateReason } from './reason';
import { refusalOf } from '@sec-assure/testing';

describe('validateReason (R-DIST-7: a copy issued in error keeps why)', () => {
  it('R-DIST-7: keeps the reason trimmed, as written inside', () => {
    expect(validateReason('  sent to  the wrong user \n')).toBe('sent to  the wrong user');
  });

  it('R-DIST-7: a blank reason is BAD_USER_INPUT naming reason', () => {
    const refusal = refusalOf(() => validateReason(' \t\n '));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'reason' } });
    expect(refusal.message).toBe('reason: must say why the copy was issued in error (not blank)');
  });

  it('R-DIST-7: up to 2000 characters after trimming; one more is refused, saying how many', () => {
    expect(MAX_REASON_LENGTH).toBe(2000);
    const longest = 'r'.repeat(2000);
    expect(validateReason(`  ${longest}  `)).toBe(longest);
    const refusal = refusalOf(() => validateReason(`${longest}s`));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'reason' } });
    expect(refusal.message).toBe('reason: must be at most 2000 characters (got 2001)');
  });
});
