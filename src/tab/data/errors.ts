import { isDataError, type DataErrorKind } from '../../graph/errors';

/**
 * What the UI does with a failed read depends only on the kind of error: whether retrying can
 * help and which sentence to show. The repositories reject with the typed errors of
 * `src/graph/errors.ts`; an adapter that wraps them keeps their `kind`, which is read as well.
 */
export type ErrorKind =
  | 'not-found'
  | 'forbidden'
  | 'unauthorized'
  | 'throttled'
  | 'network'
  | 'validation'
  | 'conflict'
  | 'other';

const BY_KIND: Record<DataErrorKind, ErrorKind> = {
  notFound: 'not-found',
  forbidden: 'forbidden',
  unauthorized: 'unauthorized',
  throttled: 'throttled',
  network: 'network',
  validation: 'validation',
  conflict: 'conflict',
};

function isKnownKind(kind: unknown): kind is DataErrorKind {
  return typeof kind === 'string' && Object.hasOwn(BY_KIND, kind);
}

export function errorKind(error: unknown): ErrorKind {
  if (isDataError(error)) return BY_KIND[error.kind];
  if (typeof error === 'object' && error !== null) {
    const kind = (error as { kind?: unknown }).kind;
    if (isKnownKind(kind)) return BY_KIND[kind];
  }
  // fetch() rejects with a TypeError when the network is down.
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return 'network';
  return 'other';
}

/** Retrying cannot fix a missing item, a refusal or bad data; it can fix a hiccup. */
export function isRetryable(error: unknown): boolean {
  const kind = errorKind(error);
  return kind === 'throttled' || kind === 'network' || kind === 'other';
}
