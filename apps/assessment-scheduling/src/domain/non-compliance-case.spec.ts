import { GraphQLError } from 'graphql';
import type { NonComplianceCaseRow } from '../entities/non-compliance-case.entity';
import { decideCase, userViewOf } from './non-compliance-case';

const open: NonComplianceCaseRow = {
  id: 'case-1',
  providerPartyId: 'P',
  assessmentId: 'a-1',
  assessmentStatus: 'DEFERRED',
  openedOn: '2026-11-01',
  state: 'UNDER_INVESTIGATION',
  decision: null,
  reasons: null,
  decidedOn: null,
  decidedBy: null,
  decidedAt: null,
  recommendationId: null,
  flaggedUserPartyIds: [],
};
const context = { today: '2026-12-02', actor: 'ssc-1', now: new Date('2026-12-02T10:00:00Z'), currentUsers: ['U2', 'U1', 'U2'] };
const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions.code;
  }
  return undefined;
};

describe('R-DEF-1: the SSC decides a non-compliance case', () => {
  it('R-DEF-1: no recommendation: decided with reasons, nobody flagged', () => {
    expect(decideCase(open, { recommendEventOfDefault: false, reasons: '  Remediation plan accepted. ' }, context)).toEqual({
      state: 'DECIDED',
      decision: 'NO_RECOMMENDATION',
      reasons: 'Remediation plan accepted.',
      decidedOn: '2026-12-02',
      decidedBy: 'ssc-1',
      decidedAt: context.now,
      flaggedUserPartyIds: [],
    });
  });

  it('R-DEF-1: a recommendation flags every current User once', () => {
    const decided = decideCase(open, { recommendEventOfDefault: true, reasons: 'Severe and unremedied.' }, context);
    expect(decided).toMatchObject({ decision: 'RECOMMEND_EVENT_OF_DEFAULT', flaggedUserPartyIds: ['U1', 'U2'] });
  });

  it('R-DEF-1: reasons are required; a case is decided once (CONFLICT)', () => {
    expect(codeOf(() => decideCase(open, { recommendEventOfDefault: false, reasons: '  ' }, context))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decideCase(open, { recommendEventOfDefault: false, reasons: 'x'.repeat(4001) }, context))).toBe('BAD_USER_INPUT');
    const decided = { ...open, state: 'DECIDED' as const, decision: 'NO_RECOMMENDATION' as const, decidedOn: '2026-12-01', decidedBy: 'ssc-2' };
    expect(codeOf(() => decideCase(decided, { recommendEventOfDefault: true, reasons: 'Again' }, context))).toBe('CONFLICT');
  });

  it("R-DEF-1, R-DIST-4: a User sees the case and the decision, never the provider's assessment", () => {
    const view = userViewOf({ ...open, state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', reasons: 'secret detail', decidedOn: '2026-12-02', flaggedUserPartyIds: ['U1'] }, 'U1');
    expect(view).toEqual({ id: 'case-1', providerPartyId: 'P', openedOn: '2026-11-01', state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', decidedOn: '2026-12-02', flagged: true });
    expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['assessmentId', 'assessmentStatus', 'reasons', 'flaggedUserPartyIds']));
  });
});
