import { refusalOf } from '@sec-assure/testing';
import { decideDeclineNomination } from './decline-nomination';

describe('R-SSC-2: declineNomination', () => {
  it('R-SSC-2: refuses a blank reason, naming the field', () => {
    expect(refusalOf(() => decideDeclineNomination({ nominationId: 'x', reason: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'reason' } });
  });

  it('R-SSC-2: keeps the reason trimmed', () => {
    expect(decideDeclineNomination({ nominationId: 'x', reason: ' why ' }).reason).toBe('why');
  });
});
