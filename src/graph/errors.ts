/**
 * Typed errors at the repository boundary (DESIGN §4): callers (the tab, the CLI) branch on the
 * class and show `message`, which is Dutch and says what to do; they never see an HTTP status.
 * `detail` keeps what Graph said (code, message, request id) for a log or a support question —
 * never a token.
 */

export type DataErrorKind =
  'notFound' | 'conflict' | 'throttled' | 'forbidden' | 'unauthorized' | 'validation' | 'network';

export interface ErrorDetail {
  /** HTTP status of the response that failed, when there was one. */
  status?: number;
  /** Graph's `error.code`, e.g. `itemNotFound`, `resourceModified`. */
  code?: string;
  /** Graph's own (English) message. */
  graphMessage?: string;
  requestId?: string;
  /** Method and path (relative to the base URL), without query values that could identify people. */
  request?: string;
}

export abstract class DataError extends Error {
  abstract readonly kind: DataErrorKind;
  readonly detail: ErrorDetail;

  constructor(message: string, detail: ErrorDetail = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.detail = detail;
    // Subclasses of Error lose their prototype when compiled to older targets; keep `instanceof`.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DataError {
  readonly kind = 'notFound' as const;
}

/** A lost update (412 on If-Match, 409 `resourceModified`) or a unique value that already exists. */
export class ConflictError extends DataError {
  readonly kind = 'conflict' as const;
}

/**
 * A value that must be unique (a role's key, a competency's key) is already in the list: another
 * writer was first. Recognised by SharePoint's code or message whatever the status, which Graph
 * does not document (SharePoint REST answers 500; see `isUniqueViolation`).
 */
export class UniqueValueError extends ConflictError {}

export class ThrottledError extends DataError {
  readonly kind = 'throttled' as const;
  /** How long the service asked us to wait, when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, detail: ErrorDetail = {}, retryAfterMs?: number) {
    super(message, detail);
    this.retryAfterMs = retryAfterMs;
  }
}

export class ForbiddenError extends DataError {
  readonly kind = 'forbidden' as const;
}

export class UnauthorizedError extends DataError {
  readonly kind = 'unauthorized' as const;
}

/** The request or the data was not acceptable: bad input, or a response that did not fit our schema. */
export class ValidationError extends DataError {
  readonly kind = 'validation' as const;
  readonly issues: readonly string[];

  constructor(message: string, detail: ErrorDetail = {}, issues: readonly string[] = []) {
    super(message, detail);
    this.issues = issues;
  }
}

/**
 * SharePoint refuses a `$filter`/`$orderby` on a column that is not indexed (on any list that is,
 * or may grow, over 5,000 items). This is a defect in our query or a missing index on the site,
 * never the user's fault: the message says to run provisioning.
 */
export class NonIndexedQueryError extends ValidationError {
  readonly column: string | undefined;

  constructor(message: string, detail: ErrorDetail = {}, column?: string) {
    super(message, detail, column === undefined ? [] : [column]);
    this.column = column;
  }
}

/** No answer (connection refused or dropped, DNS, CORS) or a server fault that retrying did not cure. */
export class NetworkError extends DataError {
  readonly kind = 'network' as const;
}

export function isDataError(value: unknown): value is DataError {
  return value instanceof DataError;
}

/** SharePoint's own words for a duplicate in a column that enforces unique values. */
const DUPLICATE_VALUES = /duplicate values were found/i;
const DUPLICATE_CODES = new Set(['nameAlreadyExists']);
const DUPLICATE_EXCEPTION = /SPDuplicateValuesFoundException/i;

/**
 * Whether a failed write was refused because a unique column already holds the value. By code or
 * message only: SharePoint REST answers 500, Graph 409 has been seen, and the status is not
 * documented (M365-FACTS "Uniqueness violations"; the tenant self-test records what it is).
 */
export function isUniqueViolation(status: number, body: unknown): boolean {
  if (status < 400) return false;
  const { code, message } = readODataError(body);
  if (message !== undefined && DUPLICATE_VALUES.test(message)) return true;
  if (code !== undefined && DUPLICATE_EXCEPTION.test(code)) return true;
  // `nameAlreadyExists` alone also names a duplicate list or column title: only with a 409.
  return status === 409 && code !== undefined && DUPLICATE_CODES.has(code);
}

const NON_INDEXED =
  /Field '([^']+)' cannot be referenced in filter or orderby as it is not indexed/i;

/**
 * Maps one failed Graph response (status + OData error body) to a typed error. Used for whole
 * responses and for single `$batch` entries alike, so both paths speak the same language.
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  context: { request?: string; retryAfterMs?: number } = {},
): DataError {
  const odata = readODataError(body);
  const detail: ErrorDetail = {
    status,
    ...(odata.code === undefined ? {} : { code: odata.code }),
    ...(odata.message === undefined ? {} : { graphMessage: odata.message }),
    ...(odata.requestId === undefined ? {} : { requestId: odata.requestId }),
    ...(context.request === undefined ? {} : { request: context.request }),
  };
  const nonIndexed = odata.message === undefined ? null : NON_INDEXED.exec(odata.message);
  if (nonIndexed) {
    return new NonIndexedQueryError(
      `De lijst kan niet gefilterd worden op kolom '${nonIndexed[1]}' omdat die geen index heeft. ` +
        'Voer de inrichting opnieuw uit (npm run provision) of meld dit aan IT.',
      detail,
      nonIndexed[1],
    );
  }
  if (isUniqueViolation(status, body)) {
    return new UniqueValueError(
      'Deze waarde bestaat al in de lijst (iemand anders heeft ze intussen toegevoegd). Vernieuw de pagina en probeer het opnieuw.',
      detail,
    );
  }
  switch (status) {
    case 400:
    case 422:
      return new ValidationError(
        'SharePoint weigerde de gegevens als ongeldig. Controleer de invoer; blijft het mislukken, meld het dan aan IT.',
        detail,
        odata.message === undefined ? [] : [odata.message],
      );
    case 401:
      return new UnauthorizedError(
        'Uw aanmelding is verlopen of ongeldig. Meld u opnieuw aan en probeer het nog eens.',
        detail,
      );
    case 403:
      return new ForbiddenError(
        'U hebt geen toestemming voor deze actie. Vraag het aan wie de Functiewijzer beheert als u denkt dat dit moet kunnen.',
        detail,
      );
    case 404:
    case 410:
      return new NotFoundError(
        'Dit item bestaat niet (meer). Het is mogelijk verwijderd; vernieuw de pagina.',
        detail,
      );
    case 409:
    case 412:
      return new ConflictError(
        'Iemand anders heeft dit intussen gewijzigd of het bestaat al. Vernieuw de pagina en probeer het opnieuw.',
        detail,
      );
    case 429:
    case 503:
    case 504:
    case 509:
      return new ThrottledError(
        'SharePoint is even te druk. Wacht een ogenblik en probeer het opnieuw.',
        detail,
        context.retryAfterMs,
      );
    default:
      if (status >= 400 && status < 500) {
        return new ValidationError(
          'SharePoint weigerde de vraag. Meld dit aan IT als het blijft gebeuren.',
          detail,
          odata.message === undefined ? [] : [odata.message],
        );
      }
      return new NetworkError(
        'SharePoint gaf een fout. Probeer het over enkele ogenblikken opnieuw; blijft het mislukken, meld het dan aan IT.',
        detail,
      );
  }
}

export function networkError(cause: unknown, request?: string): NetworkError {
  return new NetworkError(
    'Geen verbinding met SharePoint. Controleer uw netwerkverbinding en probeer het opnieuw.',
    request === undefined ? {} : { request },
    { cause },
  );
}

export function invalidResponse(request: string, issues: readonly string[]): ValidationError {
  return new ValidationError(
    'SharePoint gaf gegevens terug die de Functiewijzer niet begrijpt. Is de lijst handmatig gewijzigd? Voer de inrichting opnieuw uit (npm run provision) of meld het aan IT.',
    { request },
    issues,
  );
}

function readODataError(body: unknown): { code?: string; message?: string; requestId?: string } {
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  if (typeof parsed !== 'object' || parsed === null) return {};
  const error = (parsed as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { code?: unknown; message?: unknown; innerError?: unknown };
  const inner =
    typeof e.innerError === 'object' && e.innerError !== null
      ? (e.innerError as Record<string, unknown>)
      : {};
  const requestId = inner['request-id'] ?? inner['requestId'];
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.message === 'string' ? { message: e.message } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
