// A small reader of the Prometheus text exposition format (what /metrics answers), enough for the pipeline panel:
// samples with labels, and rates between two scrapes.

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;

function parseLabels(text) {
  const labels = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) {
      break;
    }
    const name = text.slice(i, eq).replace(/^[\s,]+/, '').trim();
    let j = eq + 2; // skip ="
    let value = '';
    while (j < text.length && text[j] !== '"') {
      if (text[j] === '\\' && j + 1 < text.length) {
        const next = text[j + 1];
        value += next === 'n' ? '\n' : next;
        j += 2;
      } else {
        value += text[j];
        j += 1;
      }
    }
    labels[name] = value;
    i = j + 1;
  }
  return labels;
}

function parseValue(text) {
  switch (text) {
    case 'NaN': return NaN;
    case '+Inf': return Infinity;
    case '-Inf': return -Infinity;
    default: return Number(text);
  }
}

/** One scrape: samples by metric name, each {labels, value}. */
export class Scrape {
  constructor(text, at = Date.now()) {
    this.at = at;
    this.samples = new Map();
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) {
        continue;
      }
      const match = SAMPLE.exec(line.trim());
      if (!match) {
        continue;
      }
      const [, name, labels, value] = match;
      if (!this.samples.has(name)) {
        this.samples.set(name, []);
      }
      this.samples.get(name).push({ labels: labels ? parseLabels(labels) : {}, value: parseValue(value) });
    }
  }

  /** Samples of a metric whose labels include every given label value. */
  select(name, match = {}) {
    return (this.samples.get(name) ?? [])
      .filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v));
  }

  /** Sum of the matching samples (NaN ignored); NaN when there are none. */
  sum(name, match = {}) {
    const values = this.select(name, match).map((s) => s.value).filter((v) => !Number.isNaN(v));
    return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0);
  }

  /** Metric names matching a pattern. */
  names(pattern) {
    return [...this.samples.keys()].filter((n) => pattern.test(n));
  }
}

/** Identity of a sample within its metric: its labels in a stable order. */
export function seriesKey(name, labels) {
  return `${name}{${Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',')}}`;
}

/**
 * Per-second increase of a counter between two scrapes: NaN without an earlier scrape; a series missing from a
 * scrape counts as 0 (Micrometer registers some only at their first event); 0 after a reset.
 */
export function rate(earlier, later, name, match = {}) {
  if (!earlier) {
    return NaN;
  }
  const seconds = (later.at - earlier.at) / 1000;
  const orZero = (value) => (Number.isNaN(value) ? 0 : value);
  const delta = orZero(later.sum(name, match)) - orZero(earlier.sum(name, match));
  return seconds > 0 ? Math.max(delta, 0) / seconds : NaN;
}
