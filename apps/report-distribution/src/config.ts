import { readServiceConfig, subgraphDefaults, type ServiceConfig } from '@sec-assure/service';

/** How often the engagement-start round runs (R-DIST-5: copies due on an engagement's start date). */
export const ENGAGEMENT_START_ROUND_VARIABLE = 'ENGAGEMENT_START_ROUND_INTERVAL_MS';
const DEFAULT_ENGAGEMENT_START_ROUND_MS = 60_000;

export interface ReportDistributionSettings extends ServiceConfig {
  /** Milliseconds between engagement-start rounds (at least 1000). */
  engagementStartRoundMs: number;
}

/** Reads the round's interval, failing fast (naming the variable) on anything but a whole number of 1000 or more. */
export function readEngagementStartRoundMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[ENGAGEMENT_START_ROUND_VARIABLE];
  if (raw === undefined || raw === '') return DEFAULT_ENGAGEMENT_START_ROUND_MS;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1000) {
    throw new Error(`Configuration: ${ENGAGEMENT_START_ROUND_VARIABLE}="${raw}" is not valid (a whole number of milliseconds, 1000 or more)`);
  }
  return Number(raw);
}

/** Every setting of report-distribution, read once from the environment with local defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ReportDistributionSettings {
  return {
    ...readServiceConfig('report-distribution', subgraphDefaults('report-distribution'), env),
    engagementStartRoundMs: readEngagementStartRoundMs(env),
  };
}
