/**
 * Graph's error vocabulary. Handlers throw a GraphError; the dispatcher turns it into
 * `{ error: { code, message, innerError } }` with the status, exactly as Graph answers, so the
 * client's error mapping is exercised against the same shapes it meets in Microsoft 365.
 * Messages stay in English: they are Graph's (and SharePoint's) own texts, not ours.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export const badRequest = (message: string): GraphError =>
  new GraphError(400, 'BadRequest', message);

/** SharePoint-backed resources answer 400s with `invalidRequest`. */
export const invalidRequest = (message: string): GraphError =>
  new GraphError(400, 'invalidRequest', message);

export const notFound = (message = 'Item not found'): GraphError =>
  new GraphError(404, 'itemNotFound', message);

export const accessDenied = (
  message = 'Access denied. You do not have permission to perform this action or access this resource.',
): GraphError => new GraphError(403, 'accessDenied', message);

export const segmentNotFound = (segment: string): GraphError =>
  badRequest(`Resource not found for the segment '${segment}'.`);

export const unauthenticated = (message: string): GraphError =>
  new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });

export const fieldNotRecognized = (name: string): GraphError =>
  invalidRequest(`Field '${name}' is not recognized`);

export const NON_INDEXED_MESSAGE = (name: string): string =>
  `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`;

export const THRESHOLD_MESSAGE =
  'The attempted operation is prohibited because it exceeds the list view threshold.';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
}

export function errorBody(
  err: GraphError,
  ids: { requestId: string; clientRequestId: string; date: string },
): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      innerError: {
        date: ids.date,
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}
