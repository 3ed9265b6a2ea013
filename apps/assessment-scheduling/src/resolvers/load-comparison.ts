import type { ImpactCount } from '@sec-assure/rules';

/** R-IMPACT-1: both rule sets' counts for one year. */
export interface LoadComparison {
  year: number;
  legacy: ImpactCount;
  secmp0044: ImpactCount;
}
