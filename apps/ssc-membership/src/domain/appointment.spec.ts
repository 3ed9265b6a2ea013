import { decideAppointment, type AppointmentDecisionInput } from './appointment';
import { election, member, nomination, refusalOf } from './test-facts';

const base: AppointmentDecisionInput = {
  election: election({ state: 'CLOSED', closesOn: '2026-11-30', winnerNominationId: 'n1' }),
  winner: nomination('n1', { nomineeName: 'Ann', nominatingPartyId: 'p1' }),
  appointed: null,
  impartialityDeclared: true,
  seatMembers: [],
  seatCount: 1,
  today: '2026-12-01',
};

describe('appointMember (R-SSC-4, R-SSC-1)', () => {
  it('R-SSC-1: appoints the winner for 24 months from the election close', () => {
    expect(decideAppointment(base)).toEqual({ name: 'Ann', partyId: 'p1', termEndsOn: '2028-11-30', supersededMemberIds: [], approvesWinner: false });
  });

  it('R-SSC-4: IMPARTIALITY_NOT_DECLARED when the declaration is missing', () => {
    const refusal = refusalOf(() => decideAppointment({ ...base, impartialityDeclared: false }));
    expect(refusal).toMatchObject({ code: 'IMPARTIALITY_NOT_DECLARED', extensions: { field: 'impartialityDeclared' } });
    expect(refusal.message).toMatch(/impartially/);
  });

  it('needs a CLOSED election with a winner, appointed once (CONFLICT)', () => {
    expect(refusalOf(() => decideAppointment({ ...base, election: election() })).message).toMatch(/OPEN: close it/);
    expect(refusalOf(() => decideAppointment({ ...base, winner: null })).message).toMatch(/without a winner/);
    expect(refusalOf(() => decideAppointment({ ...base, appointed: member('m0') })).message).toMatch(/already appointed/);
  });

  it('R-SSC-2: appointing a winner the SSC has not approved yet is its approval; an approved winner is not approved again', () => {
    const pending = nomination('n1', { nomineeName: 'Ann', nominatingPartyId: 'p1', approvedBySsc: false });
    expect(decideAppointment({ ...base, winner: pending })).toEqual({ name: 'Ann', partyId: 'p1', termEndsOn: '2028-11-30', supersededMemberIds: [], approvesWinner: true });
    expect(decideAppointment(base).approvesWinner).toBe(false);
  });

  it('R-SSC-2: an unapproved winner still gets every refusal of the appointment', () => {
    const pending = nomination('n1', { approvedBySsc: false });
    expect(refusalOf(() => decideAppointment({ ...base, winner: pending, impartialityDeclared: false })).code).toBe('IMPARTIALITY_NOT_DECLARED');
    expect(refusalOf(() => decideAppointment({ ...base, winner: pending, election: election() })).code).toBe('CONFLICT');
    expect(refusalOf(() => decideAppointment({ ...base, winner: pending, appointed: member('m0') })).code).toBe('CONFLICT');
  });

  it('R-SSC-1: on a full seat the longest-serving current member makes way; past and superseded members do not count', () => {
    const seatMembers = [
      member('later', { appointedAt: new Date('2026-06-01T00:00:00Z') }),
      member('earlier', { appointedAt: new Date('2026-01-01T00:00:00Z') }),
      member('ended', { termEndsOn: '2026-11-30', appointedAt: new Date('2024-01-01T00:00:00Z') }),
      member('gone', { supersededBy: 'earlier', appointedAt: new Date('2025-01-01T00:00:00Z') }),
    ];
    expect(decideAppointment({ ...base, seatMembers, seatCount: 2 }).supersededMemberIds).toEqual(['earlier']);
    expect(decideAppointment({ ...base, seatMembers, seatCount: 3 }).supersededMemberIds).toEqual([]);
  });

  it('R-SSC-1: the winner of an old election appointed after its term would have ended is recorded and takes nobody\'s seat', () => {
    const old = { ...base, election: election({ state: 'CLOSED', opensOn: '2021-01-04', closesOn: '2022-01-04', winnerNominationId: 'n1' }), seatMembers: [member('sitting')] };
    expect(decideAppointment(old)).toMatchObject({ termEndsOn: '2024-01-04', supersededMemberIds: [] });
    // A term still running takes the seat from a member whose term ends first.
    const running = { ...old, election: election({ state: 'CLOSED', closesOn: '2025-01-04', winnerNominationId: 'n1' }), seatMembers: [member('sitting', { termEndsOn: '2026-12-31' })] };
    expect(decideAppointment(running).supersededMemberIds).toEqual(['sitting']);
  });

  it('R-SSC-1: the winner of an earlier election cannot take a full seat from the member a later election chose (CONFLICT)', () => {
    const laterMember = member('later-choice', { electionId: 'e-later', termEndsOn: '2028-12-15', appointedAt: new Date('2026-11-20T00:00:00Z') });
    const refusal = refusalOf(() => decideAppointment({ ...base, seatMembers: [laterMember] }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toMatch(/later-choice.*e-later.*2028-12-15.*2028-11-30/);
    // With a place free, or beside a member whose term ends first, it is appointed.
    expect(decideAppointment({ ...base, seatMembers: [laterMember], seatCount: 2 }).supersededMemberIds).toEqual([]);
    const earlierMember = member('earlier-choice', { termEndsOn: '2028-10-01' });
    expect(decideAppointment({ ...base, seatMembers: [laterMember, earlierMember], seatCount: 2 }).supersededMemberIds).toEqual(['earlier-choice']);
  });

  it('R-SSC-1: a term runs from the day SECAS closed the election when that is before the scheduled close, else from the scheduled close', () => {
    const closed = (closedOn: string) => ({ ...base, election: election({ state: 'CLOSED', closesOn: '2027-01-20', closedOn, winnerNominationId: 'n1' }) });
    expect(decideAppointment(closed('2026-12-06')).termEndsOn).toBe('2028-12-06');
    expect(decideAppointment(closed('2027-01-20')).termEndsOn).toBe('2029-01-20');
    expect(decideAppointment(closed('2027-02-03')).termEndsOn).toBe('2029-01-20');
  });
});

