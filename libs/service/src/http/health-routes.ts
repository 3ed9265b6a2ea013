import { timingSafeEqual } from 'node:crypto';
import type { Express, Request } from 'express';
import { isLoopbackHost } from '@sec-assure/auth';

/** Header an operator sends HEALTH_TOKEN in (Authorization carries users' tokens). */
export const HEALTH_TOKEN_HEADER = 'x-health-token';

export interface HealthRoutesOptions {
  /** Readiness: can this process serve requests now? `details` is for operators only. */
  ready: () => Promise<{ ok: boolean; details: Record<string, unknown> }>;
  /** HEALTH_TOKEN; without it, details go to loopback callers only. */
  healthToken: string | undefined;
}

/**
 * Details (which dependency failed, its error text, dead-letter counts) help an operator and an
 * attacker alike: only a caller on this machine (not relayed by a proxy), or one presenting
 * HEALTH_TOKEN, gets them.
 */
export function isOperator(req: Request, healthToken: string | undefined): boolean {
  const presented = req.headers[HEALTH_TOKEN_HEADER];
  if (healthToken !== undefined && typeof presented === 'string') {
    const a = Buffer.from(presented);
    const b = Buffer.from(healthToken);
    if (a.length === b.length && timingSafeEqual(a, b)) return true;
  }
  // A reverse proxy on this machine makes every client look local; what it forwarded is not.
  if (req.headers['x-forwarded-for'] !== undefined || req.headers['forwarded'] !== undefined) return false;
  const remote = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return isLoopbackHost(remote);
}

/**
 * GET /health/live: the process answers (restart it if not). GET /health/ready and /health (the
 * contract's name): 200 when it can serve, 503 otherwise. The public body is the status only.
 */
export function mountHealthRoutes(app: Express, options: HealthRoutesOptions): void {
  app.get('/health/live', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  const ready = async (req: Request, res: import('express').Response): Promise<void> => {
    const report = await options.ready();
    const status = report.ok ? 'ok' : 'unhealthy';
    res.status(report.ok ? 200 : 503).json(isOperator(req, options.healthToken) ? { status, ...report.details } : { status });
  };
  app.get('/health/ready', ready);
  app.get('/health', ready);
}
