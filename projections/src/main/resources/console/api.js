// The console's only way to the pipeline: the public HTTP API on this origin, with the user's own credentials.
// Errors arrive as RFC 9457 problem+json and leave here as ApiError with a kind the panels know how to show.

const STORAGE_KEY = 'order-pipeline-console.credential';
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_RETRY_AFTER_SECONDS = 60;

/** The API key (or bearer token) the user entered: sessionStorage by default, localStorage when remembered. */
export const credentials = {
  get() {
    return sessionStorage.getItem(STORAGE_KEY) ?? localStorage.getItem(STORAGE_KEY) ?? '';
  },
  remembered() {
    return localStorage.getItem(STORAGE_KEY) !== null;
  },
  set(value, remember) {
    this.clear();
    (remember ? localStorage : sessionStorage).setItem(STORAGE_KEY, value);
    document.dispatchEvent(new CustomEvent('credentials-changed'));
  },
  clear() {
    sessionStorage.removeItem(STORAGE_KEY);
    localStorage.removeItem(STORAGE_KEY);
  },
  forget() {
    this.clear();
    document.dispatchEvent(new CustomEvent('credentials-changed'));
  },
};

/** A failed call. kind: unauthorized, forbidden, not-found, invalid, unavailable, failed or network. */
export class ApiError extends Error {
  constructor(kind, status, problem, retryAfterSeconds) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.problem = problem ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Field problems as [{pointer, message}], from the problem's errors[]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function kindOf(status) {
  switch (status) {
    case 400: case 413: case 415: case 422: return 'invalid';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not-found';
    case 429: case 503: return 'unavailable';
    default: return 'failed';
  }
}

/** Seconds to wait from a Retry-After header (delay-seconds or an HTTP date), between 1 and 60. */
export function retryAfterSeconds(header) {
  if (!header) {
    return 1;
  }
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim())
    : Math.ceil((Date.parse(header) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 1), MAX_RETRY_AFTER_SECONDS) : 1;
}

/** A random UUID for Idempotency-Key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function randomUuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Calls the API. Resolves to {status, body, headers} for 2xx; rejects with ApiError otherwise (or with the
 * AbortError when the signal fired).
 */
export async function api(path, { method = 'GET', body, headers = {}, signal, text = false } = {}) {
  const sent = new Headers(headers);
  sent.set('Accept', text ? 'text/plain' : 'application/json, application/problem+json');
  const credential = credentials.get();
  if (credential) {
    if (JWT.test(credential)) {
      sent.set('Authorization', `Bearer ${credential}`);
    } else {
      sent.set('X-API-Key', credential);
    }
  }
  if (body !== undefined) {
    sent.set('Content-Type', 'application/json');
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers: sent, signal, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError('network', 0, { detail: 'The server could not be reached. Is it running?' });
  }
  const raw = await response.text();
  let parsed = raw;
  if (!text || !response.ok) {
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      parsed = response.ok ? raw : { detail: raw.slice(0, 200) };
    }
  }
  if (response.ok) {
    return { status: response.status, body: parsed, headers: response.headers };
  }
  const kind = kindOf(response.status);
  throw new ApiError(kind, response.status, parsed,
    kind === 'unavailable' ? retryAfterSeconds(response.headers.get('Retry-After')) : undefined);
}

/** Resolves after ms, or rejects with an AbortError when the signal fires first. */
export function delay(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    }, { once: true });
  });
}

/**
 * Runs call() until it does not fail with 503/429; between attempts waits what Retry-After says, reporting each
 * second left with onWaiting(secondsLeft, error) so the panel can say "rebalancing, retrying in N s".
 */
export async function withRetry(call, { signal, onWaiting, attempts = 20 } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || error.kind !== 'unavailable' || attempt >= attempts) {
        throw error;
      }
      for (let left = error.retryAfterSeconds; left > 0; left -= 1) {
        onWaiting?.(left, error);
        await delay(1000, signal);
      }
    }
  }
}

/** Whether an error is the AbortError of a superseded request (then nothing should be shown). */
export function isAbort(error) {
  return error?.name === 'AbortError';
}
