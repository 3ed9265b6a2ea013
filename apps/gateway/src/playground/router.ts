import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { PLAYGROUND_INDEX, playgroundPaths, type PlaygroundPaths } from './paths';
import { isDevelopmentMode } from '@sec-assure/auth';

export interface PlaygroundRouterOptions {
  enabled: boolean;
  paths?: PlaygroundPaths;
  /** Progress of an on-demand build; defaults to console. */
  log?: (message: string) => void;
  /** Replaces the esbuild build (tests). */
  build?: () => Promise<unknown>;
}

export const PLAYGROUND_PATH = '/playground';

/**
 * Offline only: everything from this origin. 'unsafe-inline' styles are needed by Monaco and
 * Radix, which set style attributes; workers are same-origin files (blob: for Monaco's fallback).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * On in development (SEC_ASSURE_DEV=true) unless PLAYGROUND_ENABLED=false; off otherwise unless
 * PLAYGROUND_ENABLED=true: a deployment shows no tooling it did not ask for.
 */
export function playgroundEnabledFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const flag = env['PLAYGROUND_ENABLED']?.trim().toLowerCase();
  return isDevelopmentMode(env) ? flag !== 'false' : flag === 'true';
}

/**
 * Serves GraphiQL at /playground/ (and redirects / there). Mount at the application root:
 *   app.use(playgroundRouter({ enabled: playgroundEnabledFromEnv() }))
 * When the bundle is missing it is built on first request (a few seconds, logged).
 * When disabled, /playground answers 404 and / is left to other routes.
 */
export function playgroundRouter(options: PlaygroundRouterOptions): Router {
  const router = Router();
  if (!options.enabled) {
    router.use(PLAYGROUND_PATH, (_req, res) => {
      res.status(404).type('text/plain').send('The playground is disabled (set PLAYGROUND_ENABLED=true to enable it).');
    });
    return router;
  }

  const paths = options.paths ?? playgroundPaths();
  const log = options.log ?? ((message: string) => console.log(message));
  const ensureBuilt = onDemandBuild(paths, log, options.build);

  router.get('/', (_req, res) => res.redirect(302, `${PLAYGROUND_PATH}/`));
  router.use(PLAYGROUND_PATH, securityHeaders, async (req: Request, res: Response, next: NextFunction) => {
    // Relative asset URLs in the page need the trailing slash.
    if (req.path === '/' && !req.originalUrl.split('?')[0]?.endsWith('/')) {
      res.redirect(301, `${PLAYGROUND_PATH}/`);
      return;
    }
    try {
      await ensureBuilt();
      next();
    } catch (error) {
      log(`playground: build failed: ${error instanceof Error ? error.message : String(error)}`);
      res.status(503).type('text/plain').send('The playground could not be built; see the gateway log.');
    }
  });
  router.use(
    PLAYGROUND_PATH,
    express.static(paths.outDir, { index: PLAYGROUND_INDEX, fallthrough: false, maxAge: 0, dotfiles: 'deny' }),
  );
  return router;
}

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}

/** One build at a time; a failed build is retried on the next request. */
function onDemandBuild(paths: PlaygroundPaths, log: (message: string) => void, build?: () => Promise<unknown>): () => Promise<void> {
  let inFlight: Promise<void> | undefined;
  return () => {
    if (existsSync(path.join(paths.outDir, PLAYGROUND_INDEX))) return Promise.resolve();
    inFlight ??= (async () => {
      log('playground: bundle missing, building it now');
      if (build) await build();
      else await (await import('./build')).buildPlayground({ paths, log });
    })().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
