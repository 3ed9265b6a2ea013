import { RuleInputError } from '../errors';
import { CaseAlreadyDecidedError, decideNonComplianceCase, openedNonComplianceCase, userViewOfCase, type NonComplianceCase } from './non-compliance-case';

const open: NonComplianceCase = {
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
const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('R-DEF-1: the SSC decides a non-compliance case', () => {
  it('R-DEF-1: no recommendation: decided with reasons, nobody flagged', () => {
    expect(decideNonComplianceCase(open, { recommendEventOfDefault: false, reasons: '  Remediation plan accepted. ' }, context)).toEqual({
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
    const decided = decideNonComplianceCase(open, { recommendEventOfDefault: true, reasons: 'Severe and unremedied.' }, context);
    expect(decided).toMatchObject({ decision: 'RECOMMEND_EVENT_OF_DEFAULT', flaggedUserPartyIds: ['U1', 'U2'] });
  });

  it('R-DEF-1: reasons are required, 1 to 4000 characters (typed input error naming reasons)', () => {
    expect(thrown(() => decideNonComplianceCase(open, { recommendEventOfDefault: false, reasons: '  ' }, context))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reasons' });
    expect(thrown(() => decideNonComplianceCase(open, { recommendEventOfDefault: false, reasons: 'x'.repeat(4001) }, context))).toBeInstanceOf(RuleInputError);
    expect(decideNonComplianceCase(open, { recommendEventOfDefault: false, reasons: 'x'.repeat(4000) }, context).reasons).toHaveLength(4000);
  });

  it('R-DEF-1: a case is decided once (CaseAlreadyDecidedError, CONFLICT, naming the decision recorded)', () => {
    const decided = { ...open, state: 'DECIDED' as const, decision: 'NO_RECOMMENDATION' as const, decidedOn: '2026-12-01', decidedBy: 'ssc-2' };
    const error = thrown(() => decideNonComplianceCase(decided, { recommendEventOfDefault: true, reasons: 'Again' }, context));
    expect(error).toBeInstanceOf(CaseAlreadyDecidedError);
    expect(error).toMatchObject({ code: 'CONFLICT', caseId: 'case-1', message: expect.stringContaining('NO_RECOMMENDATION) on 2026-12-01 by ssc-2') });
  });

  it("R-DEF-1, R-DIST-4: a User sees the case and the decision, never the provider's assessment", () => {
    const view = userViewOfCase({ ...open, state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', reasons: 'secret detail', decidedOn: '2026-12-02', flaggedUserPartyIds: ['U1'] }, 'U1');
    expect(view).toEqual({ id: 'case-1', providerPartyId: 'P', openedOn: '2026-11-01', state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', decidedOn: '2026-12-02', flagged: true });
    expect(userViewOfCase({ ...open, flaggedUserPartyIds: ['U1'] }, 'U2').flagged).toBe(false);
  });
});

describe('openedNonComplianceCase (R-DEF-1)', () => {
  it('opens under investigation with nothing decided and nobody flagged', () => {
    const opened = openedNonComplianceCase('case-1', { providerPartyId: 'P', assessmentId: 'a-1', status: 'DEFERRED', openedOn: '2026-11-01' });
    expect(opened).toEqual(open);
  });
});

describe('R-DEF-1: what the refusals say', () => {
  it("R-DEF-1: blank and too long reasons, word for word", () => {
    expect(thrown(() => decideNonComplianceCase(open, { recommendEventOfDefault: false, reasons: '' }, context))).toMatchObject({
      message: "reasons: must give the SSC's reasons for its decision (nature and severity, any remediation plan); not blank",
    });
    expect(thrown(() => decideNonComplianceCase(open, { recommendEventOfDefault: false, reasons: ` ${'x'.repeat(4001)} ` }, context))).toMatchObject({
      field: 'reasons',
      message: 'reasons: must be at most 4000 characters (got 4001)',
    });
  });

  it('R-DEF-1: the second decision is refused naming the first, word for word', () => {
    const decided = { ...open, state: 'DECIDED' as const, decision: 'RECOMMEND_EVENT_OF_DEFAULT' as const, decidedOn: '2026-12-01', decidedBy: 'ssc-2' };
    expect(thrown(() => decideNonComplianceCase(decided, { recommendEventOfDefault: false, reasons: 'Again' }, context))).toMatchObject({
      name: 'CaseAlreadyDecidedError',
      decided: { decision: 'RECOMMEND_EVENT_OF_DEFAULT', decidedOn: '2026-12-01', decidedBy: 'ssc-2' },
      message: 'Non-compliance case case-1 was already decided (RECOMMEND_EVENT_OF_DEFAULT) on 2026-12-01 by ssc-2; a decision is recorded once.',
    });
  });
});
