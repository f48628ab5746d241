/** Telling why a platform did not start: it could not be reached (worth retrying), or it refused the app. */

/** The platform turned the app away (bad token, missing intent): retrying cannot help, the message says what to fix. */
export class PlatformRefusedError extends Error {
  override name = 'PlatformRefusedError';
}

/** For an adapter that sees "unreachable" without a network error to show (the Discord gateway hides it). */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

type Fields = Record<string, unknown>;

/** `err` and the errors behind it: causes, the Slack WebClient's `original`, an AggregateError's parts. */
function* chain(err: unknown, depth = 0): Generator<Fields> {
  if (depth > 8 || typeof err !== 'object' || err === null) return;
  const e = err as Fields;
  yield e;
  yield* chain(e.cause, depth + 1);
  if (e.original !== e.cause) yield* chain(e.original, depth + 1);
  if (Array.isArray(e.errors)) for (const part of e.errors) yield* chain(part, depth + 1);
}

/**
 * A short reason when `err` means the platform cannot be reached or is down for now (`connect ECONNREFUSED
 * 127.0.0.1:1234`, `timed out`, `HTTP 503`); undefined for anything else. The innermost network error says the most:
 * the SDKs wrap it in "fetch failed" or "A request error occurred".
 */
export function unreachableReason(err: unknown): string | undefined {
  let network: string | undefined;
  let other: string | undefined;
  for (const e of chain(err)) {
    if (e instanceof UnreachableError) return e.message;
    const message = typeof e.message === 'string' && e.message !== '' ? e.message : undefined;
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) network = message ?? e.code;
    else if (e.name === 'TimeoutError' || e.name === 'AbortError') other ??= 'timed out';
    const status = e.status ?? e.statusCode;
    if (typeof status === 'number' && status >= 500) other ??= `HTTP ${status}`;
  }
  return network ?? other;
}
