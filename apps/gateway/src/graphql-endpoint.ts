// The /graphql handler: Apollo Server's HTTP entry (executeHTTPGraphQLRequest) behind Express, as
// @as-integrations/express5 does it, written here because a request may be answered another way
// first: a query with the answer of an identical request in flight (shared-answers.ts), a query or
// mutation along its direct route to one subgraph (direct-routes.ts); and because the answer must
// be in hand before it is sent, to give it to the requests waiting for it, and to keep it for the
// identical requests that come while nothing it depends on has changed (kept-answers.ts). A complete answer goes out with one `end` (no
// ETag or content-type sniffing of `res.send`).
import type { ApolloServer, BaseContext, HTTPGraphQLRequest, HTTPGraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Caller } from '@sec-assure/auth';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DirectRequest } from './direct-answer';
import type { Keeping } from './kept-answers';
import type { Answer, Candidate, ShareableQuery, SharedAnswers } from './shared-answers';

/** A streamed answer (incremental delivery) is written as it comes and never shared. */
type Sent = Answer | { status: number; headers: ReadonlyArray<readonly [string, string]>; body: AsyncIterableIterator<string> };

export interface GraphQLEndpointOptions<TContext extends BaseContext> {
  /** The request's context: authentication and the caller's rate limit (it may throw; Apollo answers the error). */
  context: (req: Request, res: Response) => Promise<TContext>;
  sharing?: {
    answers: SharedAnswers;
    callerOf: (context: TContext) => Caller;
    /** The answer along the query's direct route, or null: Apollo answers it. */
    direct?: (request: DirectRequest, context: TContext) => Promise<Answer | null>;
    /** A request answered without Apollo (shared, direct or kept): its log line and metrics, as Apollo's plugins would. */
    answered: (context: TContext, request: Candidate, how: AnsweredHow, durationMs: number) => void;
    /** Answers kept for later identical requests (kept-answers.ts); absent: every request runs. */
    keeping?: {
      /** The query's keeping, or null when its answers are not kept. */
      of: (query: ShareableQuery, context: TContext) => Promise<Keeping | null>;
      /** A mutation starts; the result is called when it has been answered. */
      writeStarts: () => () => void;
    };
  };
}

export type AnsweredHow = 'shared' | 'direct' | 'kept';

export function graphqlEndpoint<TContext extends BaseContext>(apollo: ApolloServer<TContext>, options: GraphQLEndpointOptions<TContext>): RequestHandler {
  apollo.assertStarted('graphqlEndpoint()');
  const execute = async (req: Request, context: () => Promise<TContext>): Promise<Sent> => {
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: httpRequestOf(req), context });
    return sentOf(response);
  };
  const handle = async (req: Request, res: Response): Promise<void> => {
    const started = process.hrtime.bigint();
    const sharing = options.sharing;
    const candidate = sharing?.answers.candidate({ method: req.method, body: req.body as unknown, accept: req.headers.accept });
    if (sharing === undefined || candidate === null || candidate === undefined) {
      // Not one query or mutation Apollo will run as such (a GET, a batch, a text that does not
      // parse): taken as a write, so nothing kept outlives whatever it may do.
      const written = sharing?.keeping?.writeStarts();
      try {
        await send(res, await execute(req, () => options.context(req, res)));
      } finally {
        written?.();
      }
      return;
    }
    // Authenticated (and the rate limit spent) once, before Apollo runs: the caller is part of the key.
    const contextPromise = options.context(req, res);
    let context: TContext;
    try {
      context = await contextPromise;
    } catch {
      // Apollo answers the refusal (unauthenticated, too many requests) as it always does.
      await send(res, await execute(req, () => contextPromise));
      return;
    }
    const body = req.body as { variables?: unknown };
    const direct = async (): Promise<Answer | null> => {
      const answer = (await sharing.direct?.({ query: candidate.query, operationName: candidate.operationName, variables: body.variables, accept: req.headers.accept }, context)) ?? null;
      if (answer) sharing.answered(context, candidate, 'direct', Number(process.hrtime.bigint() - started) / 1e6);
      return answer;
    };
    const query = sharing.answers.keyed(candidate, sharing.callerOf(context));
    if (query === null) {
      // A mutation: never shared; Apollo's run takes the outcome of a direct call that was not answered (direct-answer.ts).
      const written = sharing.keeping?.writeStarts();
      try {
        await send(res, (await direct()) ?? (await execute(req, () => contextPromise)));
      } finally {
        written?.();
      }
      return;
    }
    const keeping = sharing.keeping ? await sharing.keeping.of(query, context) : null;
    if (keeping?.hit) {
      sharing.answered(context, query, 'kept', Number(process.hrtime.bigint() - started) / 1e6);
      await send(res, keeping.hit);
      return;
    }
    // Requests on different topics' ends may be given different answers: they share only on the same.
    const key = keeping?.key ?? query.key;
    const waiting = sharing.answers.joinable(key);
    if (waiting !== undefined) {
      const answer = await waiting;
      if (answer !== null) {
        sharing.answered(context, query, 'shared', Number(process.hrtime.bigint() - started) / 1e6);
        await send(res, answer);
        return;
      }
      await send(res, await execute(req, () => contextPromise));
      return;
    }
    const answer = await sharing.answers.lead(key, async () => {
      const answered = await direct();
      if (answered) {
        keeping?.keep(answered);
        return { sent: answered, answer: answered };
      }
      const sent = await execute(req, () => contextPromise);
      const complete = typeof sent.body === 'string' ? (sent as Answer) : null;
      keeping?.keep(complete);
      return { sent, answer: complete };
    });
    await send(res, answer);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    handle(req, res).catch(next);
  };
}

function httpRequestOf(req: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const at = req.originalUrl.indexOf('?');
  return { method: req.method.toUpperCase(), headers, search: at >= 0 ? req.originalUrl.slice(at) : '', body: req.body as unknown };
}

function sentOf(response: HTTPGraphQLResponse): Sent {
  const headers = [...response.headers];
  const status = response.status ?? 200;
  return response.body.kind === 'complete' ? { status, headers, body: response.body.string } : { status, headers, body: response.body.asyncIterator };
}

async function send(res: Response, sent: Sent): Promise<void> {
  for (const [name, value] of sent.headers) res.setHeader(name, value);
  res.statusCode = sent.status;
  if (typeof sent.body === 'string') {
    res.setHeader('content-length', Buffer.byteLength(sent.body));
    res.end(sent.body);
    return;
  }
  for await (const chunk of sent.body) {
    res.write(chunk);
  }
  res.end();
}
