import type { AnnualAssessmentType } from '../assessment/assessment-types';
import type { CategoryDecision } from '../determination/decide';

const CATEGORY: Record<CategoryDecision['category'], string> = {
  SUPPLIER: 'Supplier',
  NETWORK: 'Network',
  OTHER_USER: 'Other User',
  SHARED_RESOURCE_PROVIDER: 'Shared Resource Provider',
};
const count = (n: number) => n.toLocaleString('en-GB');

/**
 * One sentence: why a party's type moves when the large-band threshold moves (R-PREM-3, R-MATRIX-2), with
 * R-SET-2 where a User's band is read from its premises with its providers' other Users' (LEGACY), and where
 * a large such aggregate makes it FULL whatever its category.
 */
export function explainChange(
  from: { type: AnnualAssessmentType | null; deciding: CategoryDecision | null; threshold: number },
  to: { type: AnnualAssessmentType | null; deciding: CategoryDecision | null; threshold: number },
): string {
  const d = to.deciding ?? from.deciding;
  if (!d) return `No own assessment either way (${from.type ?? 'none'} -> ${to.type ?? 'none'}).`;
  const whose =
    d.category === 'SHARED_RESOURCE_PROVIDER' ? 'aggregate premises of its Users' : d.sharedAggregate ? "premises with those of its providers' other Users" : 'premises';
  const premises = d.premisesKnown ? `${whose} ${count(d.premises)}` : `${whose} unknown (R-PREM-2: large band)`;
  const band = (x: { deciding: CategoryDecision | null; threshold: number }) =>
    `${x.deciding?.band ?? 'none'} at threshold ${count(x.threshold)}${x.deciding?.asLargeSupplier ? ' (FULL as though a Large Supplier)' : ''}`;
  const rules = d.sharedAggregate ? 'R-SET-2, R-PREM-3, R-MATRIX-2' : 'R-PREM-3, R-MATRIX-2';
  return `${CATEGORY[d.category]} in year ${d.position}, ${premises}: ${band(from)} -> ${band(to)}, so ${from.type ?? 'none'} -> ${to.type ?? 'none'} (${rules}).`;
}
