import type { ErrorRequestHandler } from 'express';

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * A body too large or not JSON is refused by express.json before GraphQL sees it; express would
 * answer with an HTML page. Clients of a GraphQL endpoint expect a GraphQL error with a code.
 */
export function bodyErrorAsGraphQL(maxBodyBytes: number): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
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
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON (UTF-8): send {"query": ..., "variables": ...}.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    next(error);
  };
}
