import { LEGACY_RULE_SET } from '../rule-sets/legacy';
import { SECMP0044_RULE_SET } from '../rule-sets/secmp0044';
import { describeNoAnnualAssessment, noAnnualAssessment, type AnnualDueFacts } from './annual-due';

const provider: AnnualDueFacts = { holdsUserRole: false, isSharedResourceProvider: true, currentUserCount: 0, providerEntered: true };

describe('who is due an annual assessment of its own (R-PARTY-1, R-SET-2, R-SRP-2)', () => {
  it('R-SRP-2 (decision): a roleless provider past its User Entry is not due one while it serves nobody', () => {
    expect(noAnnualAssessment(SECMP0044_RULE_SET, provider)).toBe('SERVES_NO_USER');
    expect(noAnnualAssessment(SECMP0044_RULE_SET, { ...provider, currentUserCount: 1 })).toBeNull();
  });

  it('R-MATRIX-1, R-SRP-2: before its User Entry FULL it is due one, serving nobody or not', () => {
    expect(noAnnualAssessment(SECMP0044_RULE_SET, { ...provider, providerEntered: false })).toBeNull();
  });

  it('R-SRP-6: a provider holding a User Role is always due its own, under either rule set', () => {
    expect(noAnnualAssessment(SECMP0044_RULE_SET, { ...provider, holdsUserRole: true })).toBeNull();
    expect(noAnnualAssessment(LEGACY_RULE_SET, { ...provider, holdsUserRole: true })).toBeNull();
  });

  it('R-PARTY-1, R-SET-2: no role and no provider: none at all; a roleless provider under LEGACY: inside its Users', () => {
    expect(noAnnualAssessment(SECMP0044_RULE_SET, { ...provider, isSharedResourceProvider: false })).toBe('NO_USER_ROLE');
    expect(noAnnualAssessment(LEGACY_RULE_SET, { ...provider, currentUserCount: 3 })).toBe('ASSESSED_INSIDE_USERS');
  });

  it('R-MATRIX-5: each reason is said in words, with the rule that decides it', () => {
    expect(describeNoAnnualAssessment('NO_USER_ROLE', SECMP0044_RULE_SET, '2025-01-01')).toMatch(/^on 2025-01-01 .*\(R-PARTY-1\)$/);
    expect(describeNoAnnualAssessment('ASSESSED_INSIDE_USERS', LEGACY_RULE_SET, '2017-01-01')).toMatch(/^on 2017-01-01 LEGACY applies: .*\(R-SET-2\)$/);
    expect(describeNoAnnualAssessment('SERVES_NO_USER', SECMP0044_RULE_SET, '2025-01-01')).toMatch(/serves no User .*\(R-SRP-2, decision\)$/);
  });
});
