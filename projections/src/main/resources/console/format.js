// DOM building, number formatting and the loading / empty / error states every panel shows the same way.
// Data from the API only ever reaches the page as text nodes, never as HTML.

const LOCALE = undefined; // the browser's

/** Creates an element: el('td', {class: 'num', dataset: {x: 1}}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return node;
}

const fractionDigitsCache = new Map();

/** Minor units per major unit of a currency (2 for EUR, 0 for JPY), as Intl knows it; 2 when unknown. */
export function fractionDigits(currency) {
  if (!fractionDigitsCache.has(currency)) {
    let digits = 2;
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    } catch {
      // not a currency Intl knows; keep 2
    }
    fractionDigitsCache.set(currency, digits);
  }
  return fractionDigitsCache.get(currency);
}

/** Minor units as a major-unit Number, for chart axes only (tables use formatMinor, which is exact). */
export function toMajor(minor, currency) {
  return Number(minor) / 10 ** fractionDigits(currency);
}

/** Exact money text from integer minor units: 250050 EUR → "€2,500.50". No floating point on the amount. */
export function formatMinor(minor, currency) {
  const digits = fractionDigits(currency);
  const value = BigInt(minor);
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  try {
    return new Intl.NumberFormat(LOCALE, { style: 'currency', currency, minimumFractionDigits: digits })
      .format(`${negative ? '-' : ''}${decimal}`);
  } catch {
    return `${negative ? '-' : ''}${decimal} ${currency}`;
  }
}

/** "€25.00, $9.99" from {"EUR": 2500, "USD": 999}; "–" when empty. */
export function formatMoneyMap(map) {
  const entries = Object.entries(map ?? {});
  return entries.length === 0 ? '–' : entries.map(([currency, minor]) => formatMinor(minor, currency)).join(', ');
}

export function formatInt(value) {
  return Number.isFinite(Number(value)) ? new Intl.NumberFormat(LOCALE).format(Number(value)) : '–';
}

export function formatDecimal(value, digits = 1) {
  return Number.isFinite(value)
    ? new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
    : '–';
}

export function formatDateTime(iso) {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso
    : new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

export function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) {
    return '–';
  }
  const s = Math.floor(seconds);
  const parts = [[Math.floor(s / 86400), 'd'], [Math.floor((s % 86400) / 3600), 'h'], [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's']].filter(([n]) => n > 0);
  return parts.length === 0 ? '0 s' : parts.slice(0, 2).map(([n, unit]) => `${n} ${unit}`).join(' ');
}

/** YYYY-MM of a Date in the browser's time zone. */
export function monthOf(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The month `delta` months after YYYY-MM. */
export function addMonths(month, delta) {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Shows a panel's state in its status element: loading, empty, error, invalid, not-found, forbidden, unauthorized
 * or unavailable (with a countdown); 'ok' clears it. data-state mirrors the state for tests and styling.
 */
export function showState(container, state, message = '', { detail, action } = {}) {
  container.dataset.state = state;
  container.replaceChildren();
  container.classList.toggle('state-visible', state !== 'ok');
  if (state === 'ok') {
    return;
  }
  container.append(el('p', { class: 'state-message' }, message));
  if (detail) {
    container.append(el('p', { class: 'state-detail' }, detail));
  }
  if (state === 'unauthorized') {
    container.append(el('button', { type: 'button', class: 'secondary', onclick: () => document.getElementById('api-key').focus() },
      'Enter an API key'));
    document.dispatchEvent(new CustomEvent('api-unauthorized', { detail: { message: detail || message } }));
  }
  if (action) {
    container.append(el('button', { type: 'button', class: 'secondary', onclick: action.run }, action.label));
  }
}

/** Maps an ApiError to the matching state, with the server's own words as detail. */
export function showError(container, error, what, action) {
  const detail = error.problem?.detail || error.message;
  switch (error.kind) {
    case 'unauthorized':
      showState(container, 'unauthorized', `${what} needs an API key: none was sent, or it was not accepted.`, { detail });
      break;
    case 'forbidden':
      showState(container, 'forbidden', `Your key may not do this (${what}).`, { detail });
      break;
    case 'unavailable':
      showState(container, 'unavailable', `${what} is not available right now.`, { detail, action });
      break;
    case 'not-found':
      showState(container, 'not-found', detail, { action });
      break;
    case 'invalid':
      showState(container, 'invalid', `The server refused the request: ${detail}`,
        { detail: error.fieldErrors.map((e) => `${e.pointer}: ${e.message}`).join('; ') || undefined });
      break;
    default:
      showState(container, 'error', `${what} failed.`, { detail, action });
  }
}

/** The "rebalancing, retrying in N s" state shown while withRetry waits out a 503. */
export function showRetrying(container, seconds, error) {
  showState(container, 'unavailable', `Rebalancing, retrying in ${seconds} s…`,
    { detail: error.problem?.detail || 'The service answered 503 Service Unavailable.' });
  container.dataset.retryIn = String(seconds);
}
