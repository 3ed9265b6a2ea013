// CORS for front ends served from another origin. An allowlist only: no wildcard, because the
// gateway answers with a caller's data; an origin not listed gets no CORS headers, so browsers
// refuse to hand it the response. Uses the `cors` middleware (the one Apollo's own docs use)
// rather than hand-written headers, which are easy to get subtly wrong (Vary, preflight).
import cors from 'cors';
import type { RequestHandler } from 'express';

export interface CorsConfig {
  /** Exact origins (`https://app.example.org`); empty: no cross-origin access (the default). */
  allowedOrigins: string[];
}

/** CORS_ALLOWED_ORIGINS: a comma-separated list of origins; unset or empty means none. */
export function corsFromEnv(env: NodeJS.ProcessEnv): CorsConfig {
  const listed = (env.CORS_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  for (const origin of listed) {
    if (origin === '*') {
      throw new Error('Configuration: CORS_ALLOWED_ORIGINS must list origins; "*" would let any site read callers\' data');
    }
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
      throw new Error(
        `Configuration: CORS_ALLOWED_ORIGINS entry "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`,
      );
    }
  }
  return { allowedOrigins: listed };
}

/** The headers a browser front end sends and may read; the rest stays private. */
export function corsMiddleware(config: CorsConfig): RequestHandler {
  const allowed = new Set(config.allowedOrigins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-correlation-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-correlation-id', 'retry-after'],
    maxAge: 600,
  });
}
