import type { CategoryDecision } from '../determination/decide';
import { explainChange } from './explain-change';

const provider: CategoryDecision = {
  category: 'SHARED_RESOURCE_PROVIDER',
  type: 'VERIFICATION',
  position: 2,
  sinceLastFull: 0,
  premises: 300_000,
  band: 'SMALL',
  premisesKnown: true,
  asLargeSupplier: false,
  sharedAggregate: false,
};

describe('explainChange: why a type moves with the large-band threshold (R-PREM-3, R-MATRIX-2)', () => {
  it('R-PREM-3: a provider is banded on the aggregate premises of its Users', () => {
    expect(
      explainChange({ type: 'VERIFICATION', deciding: provider, threshold: 350_000 }, { type: 'FULL', deciding: { ...provider, type: 'FULL', band: 'LARGE' }, threshold: 250_000 }),
    ).toBe(
      'Shared Resource Provider in year 2, aggregate premises of its Users 300,000: SMALL at threshold 350,000 -> LARGE at threshold 250,000, so VERIFICATION -> FULL (R-PREM-3, R-MATRIX-2).',
    );
  });

  it('R-PREM-2: an unknown count is said to be unknown; the decision of either side explains it', () => {
    const unknown = { ...provider, category: 'OTHER_USER' as const, premisesKnown: false, premises: 0 };
    expect(explainChange({ type: 'SELF', deciding: unknown, threshold: 1 }, { type: null, deciding: null, threshold: 2 })).toBe(
      'Other User in year 2, premises unknown (R-PREM-2: large band): SMALL at threshold 1 -> none at threshold 2, so SELF -> none (R-PREM-3, R-MATRIX-2).',
    );
  });

  it('R-PREM-3: a side with no type of its own is written "none", before as after', () => {
    expect(explainChange({ type: null, deciding: null, threshold: 350_000 }, { type: 'FULL', deciding: { ...provider, type: 'FULL', band: 'LARGE' }, threshold: 250_000 })).toBe(
      'Shared Resource Provider in year 2, aggregate premises of its Users 300,000: none at threshold 350,000 -> LARGE at threshold 250,000, so none -> FULL (R-PREM-3, R-MATRIX-2).',
    );
  });

  it('R-SET-2: under LEGACY a User of a provider is banded with its providers\' other Users, and a large such aggregate is FULL whatever its category', () => {
    const user = { ...provider, category: 'OTHER_USER' as const, type: 'SELF' as const, premises: 260_000, sharedAggregate: true };
    expect(
      explainChange({ type: 'SELF', deciding: user, threshold: 300_000 }, { type: 'FULL', deciding: { ...user, type: 'FULL', band: 'LARGE', asLargeSupplier: true }, threshold: 250_000 }),
    ).toBe(
      "Other User in year 2, premises with those of its providers' other Users 260,000: SMALL at threshold 300,000 -> LARGE at threshold 250,000 (FULL as though a Large Supplier), so SELF -> FULL (R-SET-2, R-PREM-3, R-MATRIX-2).",
    );
  });

  it('with no decision on either side there is no own assessment to explain', () => {
    expect(explainChange({ type: null, deciding: null, threshold: 1 }, { type: 'SELF', deciding: null, threshold: 2 })).toBe('No own assessment either way (none -> SELF).');
    expect(explainChange({ type: 'FULL', deciding: null, threshold: 1 }, { type: null, deciding: null, threshold: 2 })).toBe('No own assessment either way (FULL -> none).');
  });
});
