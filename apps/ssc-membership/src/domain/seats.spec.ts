import { SSC_SEATS } from '@sec-assure/rules';
import { seatTable } from './seats';
import { member } from './test-facts';

describe('sscSeats (R-SSC-1)', () => {
  it('R-SSC-1: lists every seat with the counts of the rules', () => {
    expect(seatTable([], '2026-12-01').map(({ kind, count }) => ({ kind, count }))).toEqual(SSC_SEATS.map(({ kind, count }) => ({ kind, count })));
  });

  it('R-SSC-1: shows current members only: the term ends inclusively, superseded members are gone', () => {
    const seats = seatTable([member('m1'), member('old', { termEndsOn: '2026-01-01' }), member('gone', { supersededBy: 'm1' })], '2026-12-01');
    expect(seats.find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')!.members.map((m) => m.id)).toEqual(['m1']);
    expect(seats.find((s) => s.kind === 'CHAIR')!.members).toEqual([]);
  });
});
