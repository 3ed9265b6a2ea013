import { LARGE_PREMISES_THRESHOLD } from '@sec-assure/rules';
it('R-PREM-3 threshold', () => expect(LARGE_PREMISES_THRESHOLD).toBe(250_000));
