import type { ErrorRequestHandler } from 'express';
import { INTERNAL_ERROR_CODE, internalErrorMessage, type ErrorLogger } from './security';

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * A body too large or not JSON is refused by express.json before GraphQL sees it; express would
 * answer with an HTML page (outside NODE_ENV=production, with the error's stack). Clients of a
 * GraphQL endpoint expect a GraphQL error with a code, and never an internal detail: any other
 * error that reaches here is answered in the same shape: a client's fault (4xx) as BAD_REQUEST, the
 * rest as the masked internal error, logged with its correlation id as the error-masking plugin does.
 */
export function bodyErrorAsGraphQL(maxBodyBytes: number, logger?: ErrorLogger): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error?.type === 'entity.too.large') {
      res.status(413).json({
        errors: [{
          message: `The request body is larger than ${maxBodyBytes} bytes (GATEWAY_MAX_BODY_BYTES); send less, e.g. a document's content in parts of at most 5 MiB.`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        }],
      });
      return;
    }
    if (error?.type === 'entity.parse.failed' || error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') {
      res.status(400).json({ errors: [{ message: 'The request body is not a JSON object (UTF-8): send {"query": ..., "variables": ...}.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ errors: [{ message: 'The request could not be read (its length or encoding is wrong): send one JSON body of the length it declares.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    const correlationId = typeof res.locals['correlationId'] === 'string' ? res.locals['correlationId'] : undefined;
    logger?.error({ err: error, correlationId }, 'request failed before GraphQL');
    res.status(500).json({ errors: [{ message: internalErrorMessage(correlationId), extensions: { code: INTERNAL_ERROR_CODE, ...(correlationId === undefined ? {} : { correlationId }) } }] });
  };
}
