// Pipeline panel: this instance's /health/live, /health/ready and /metrics, refreshed every few seconds while the
// page is visible. Rates are computed between two scrapes; "recent" dead letters over the last five minutes of
// scrapes kept in the browser.

import { api, isAbort } from './api.js';
import { el, formatDecimal, formatDuration, formatInt, showError, showState } from './format.js';
import { rate, Scrape, seriesKey } from './prometheus.js';

const REFRESH_MS = 5000;
const RECENT_MS = 5 * 60 * 1000;
/** Kafka Streams KafkaStreams.State by ordinal, as the client-state metric reports it. */
const CLIENT_STATES = ['CREATED', 'REBALANCING', 'RUNNING', 'PENDING_SHUTDOWN', 'NOT_RUNNING', 'PENDING_ERROR', 'ERROR'];
/** StreamThread.State by ordinal (thread-state metric). */
const THREAD_STATES = ['CREATED', 'STARTING', 'PARTITIONS_REVOKED', 'PARTITIONS_ASSIGNED', 'RUNNING', 'PENDING_SHUTDOWN', 'DEAD'];
const DEAD_LETTER_METRIC = /dead_?letter|dlq/i;

function badge(up, upText = 'UP', downText = 'DOWN') {
  return { text: up ? upText : downText, className: `badge ${up ? 'status-up' : 'status-down'}` };
}

function setBadge(id, up, upText, downText) {
  const node = document.getElementById(id);
  const b = badge(up, upText, downText);
  node.textContent = b.text;
  node.className = b.className;
  node.dataset.up = String(up);
}

function setFigure(id, text) {
  document.getElementById(id).textContent = text;
}

function perSecond(value) {
  return Number.isNaN(value) ? 'measuring…' : formatDecimal(value, value < 10 ? 2 : 1);
}

function bytes(value) {
  return Number.isFinite(value) ? `${formatDecimal(value / (1024 * 1024), 0)} MiB` : '–';
}

export function initPipeline() {
  const state = document.getElementById('pipeline-state');
  const pause = document.getElementById('pipeline-pause');
  const refreshNow = document.getElementById('pipeline-refresh');
  document.getElementById('pipeline-instance').textContent = location.host;

  let previous = null;
  const history = [];
  let timer = null;
  let paused = false;
  let running = null;

  function renderHealth(live, ready) {
    setBadge('health-live', live, 'LIVE', 'NOT LIVE');
    setBadge('health-ready', ready?.status === 'UP', 'READY', 'NOT READY');
    const checks = Object.entries(ready?.checks ?? {});
    document.querySelector('#health-table tbody').replaceChildren(...(checks.length === 0
      ? [el('tr', {}, el('td', { colspan: '3' }, 'This instance registers no readiness checks.'))]
      : checks.map(([name, check]) => {
        const b = badge(check.up);
        return el('tr', { dataset: { check: name, up: String(check.up) } },
          el('th', { scope: 'row' }, name), el('td', {}, el('span', { class: b.className }, b.text)), el('td', {}, check.detail ?? ''));
      })));
  }

  function renderStreams(scrape) {
    const clients = scrape.select('kafka_stream_client_state');
    const rows = clients.map((client) => {
      const clientId = client.labels.client_id;
      const app = client.labels.application_id ?? clientId;
      const stateName = CLIENT_STATES[client.value] ?? String(client.value);
      const threads = scrape.select('kafka_stream_thread_thread_state', { process_id: client.labels.process_id });
      const running = threads.filter((t) => THREAD_STATES[t.value] === 'RUNNING').length;
      const lag = scrape.select('kafka_consumer_fetch_manager_records_lag_max')
        .filter((s) => s.labels.client_id?.startsWith(`${clientId}-StreamThread`) && s.labels.client_id.endsWith('-consumer')
          && !s.labels.client_id.endsWith('-restore-consumer'))
        .map((s) => s.value).filter((v) => !Number.isNaN(v));
      const restoring = scrape.select('kafka_consumer_fetch_manager_records_lag_max')
        .filter((s) => s.labels.client_id?.startsWith(`${clientId}-`) && s.labels.client_id.endsWith('-restore-consumer'))
        .map((s) => s.value).filter((v) => !Number.isNaN(v));
      const consumed = previous ? scrape.select('kafka_consumer_fetch_manager_records_consumed_total')
        .filter((s) => s.labels.client_id?.startsWith(`${clientId}-StreamThread`))
        .reduce((sum, s) => {
          const before = previous.select('kafka_consumer_fetch_manager_records_consumed_total', { client_id: s.labels.client_id })[0];
          return sum + (before ? Math.max(s.value - before.value, 0) : 0);
        }, 0) / ((scrape.at - previous.at) / 1000) : NaN;
      const restoreText = restoring.length === 0 || restoring.every((v) => v === 0) ? 'idle'
        : `${formatInt(Math.max(...restoring))} records`;
      return el('tr', { dataset: { application: app, state: stateName } },
        el('th', { scope: 'row' }, app),
        el('td', {}, el('span', { class: `badge ${stateName === 'RUNNING' ? 'status-up' : stateName === 'REBALANCING' ? 'status-pending' : 'status-down'}` }, stateName)),
        el('td', { class: 'num' }, `${running}/${threads.length}`),
        el('td', { class: 'num' }, lag.length === 0 ? '–' : formatInt(Math.max(...lag))),
        el('td', {}, restoreText),
        el('td', { class: 'num' }, perSecond(consumed)));
    });
    document.querySelector('#streams-table tbody').replaceChildren(...(rows.length > 0 ? rows
      : [el('tr', {}, el('td', { colspan: '6' }, 'No Kafka Streams client in this instance’s metrics.'))]));
  }

  function renderDeadLetters(scrape) {
    const oldest = history.find((h) => scrape.at - h.at <= RECENT_MS) ?? scrape;
    const rows = [];
    for (const name of scrape.names(DEAD_LETTER_METRIC)) {
      if (!name.endsWith('_total')) {
        continue;
      }
      for (const sample of scrape.select(name)) {
        const before = oldest.select(name).find((s) => seriesKey(name, s.labels) === seriesKey(name, sample.labels));
        const recent = before ? Math.max(sample.value - before.value, 0) : sample.value;
        if (sample.value > 0) {
          const reason = sample.labels.reason ?? Object.entries(sample.labels).filter(([k]) => k !== 'application')
            .map(([k, v]) => `${k}=${v}`).join(', ');
          rows.push(el('tr', { dataset: { meter: name, reason, total: String(sample.value), recent: String(recent) } },
            el('th', { scope: 'row' }, name.replace(/_total$/, '')), el('td', {}, reason),
            el('td', { class: 'num' }, formatInt(sample.value)), el('td', { class: 'num' }, formatInt(recent))));
        }
      }
    }
    document.querySelector('#dlq-table tbody').replaceChildren(...rows);
    document.getElementById('dlq-table').closest('.table-wrap').hidden = rows.length === 0;
    const dlqState = document.getElementById('dlq-state');
    if (rows.length === 0) {
      showState(dlqState, 'empty', 'No records sent to a dead-letter topic by this instance.');
    } else {
      showState(dlqState, 'ok');
    }
    const minutes = Math.max(1, Math.round((scrape.at - oldest.at) / 60000));
    document.getElementById('dlq-window').textContent = oldest === scrape ? 'Recent: since this page opened.'
      : `Recent: the last ${minutes} min.`;
  }

  function renderRequests(scrape) {
    const count = 'http_server_requests_seconds_count';
    setFigure('fig-requests-rate', perSecond(rate(previous, scrape, count)));
    setFigure('fig-errors-rate', perSecond(rate(previous, scrape, count, { outcome: 'SERVER_ERROR' })));
    setFigure('fig-in-flight', formatInt(scrape.sum('http_server_requests_active')));
    setFigure('fig-accepted-rate', perSecond(rate(previous, scrape, 'ingest_orders_accepted_total', { replayed: 'false' })));
    setFigure('fig-accepted-total', formatInt(scrape.sum('ingest_orders_accepted_total', { replayed: 'false' })));
    setFigure('fig-long-polls', formatInt(scrape.sum('projections_long_polls')));
    setFigure('fig-standby', formatInt(scrape.sum('projections_standby_answers_total')));
    setFigure('fig-unavailable', formatInt(scrape.sum('projections_unavailable_answers_total')));
    setFigure('fig-heap', `${bytes(scrape.sum('jvm_memory_used_bytes', { area: 'heap' }))} of ${bytes(scrape.sum('jvm_memory_max_bytes', { area: 'heap' }))}`);
    const cpu = scrape.sum('process_cpu_usage');
    setFigure('fig-cpu', Number.isNaN(cpu) ? '–' : `${formatDecimal(cpu * 100, 0)} %`);
    setFigure('fig-uptime', formatDuration(scrape.sum('process_uptime_seconds')));

    const routes = new Map();
    for (const sample of scrape.select(count)) {
      const key = `${sample.labels.method ?? ''} ${sample.labels.route ?? sample.labels.uri ?? '?'}`;
      const route = routes.get(key) ?? { total: 0, errors: 0, labels: { method: sample.labels.method, route: sample.labels.route } };
      route.total += sample.value;
      if (String(sample.labels.status ?? '').startsWith('5')) {
        route.errors += sample.value;
      }
      routes.set(key, route);
    }
    const rows = [...routes.entries()].sort((a, b) => b[1].total - a[1].total).map(([key, route]) => {
      const match = Object.fromEntries(Object.entries(route.labels).filter(([, v]) => v !== undefined));
      const calls = previous ? scrape.sum(count, match) - previous.sum(count, match) : NaN;
      const seconds = previous ? scrape.sum('http_server_requests_seconds_sum', match) - previous.sum('http_server_requests_seconds_sum', match) : NaN;
      const mean = calls > 0 ? formatDecimal((seconds / calls) * 1000, 1) : '–';
      return el('tr', { dataset: { route: key } }, el('th', { scope: 'row', class: 'mono' }, key),
        el('td', { class: 'num' }, formatInt(route.total)), el('td', { class: 'num' }, perSecond(rate(previous, scrape, count, match))),
        el('td', { class: 'num' }, formatInt(route.errors)), el('td', { class: 'num' }, mean));
    });
    document.querySelector('#routes-table tbody').replaceChildren(...(rows.length > 0 ? rows
      : [el('tr', {}, el('td', { colspan: '5' }, 'No HTTP request meters in this instance’s metrics.'))]));
  }

  async function refresh() {
    running?.abort();
    const request = new AbortController();
    running = request;
    const { signal } = request;
    if (!previous) {
      showState(state, 'loading', 'Loading health and metrics…');
    }
    try {
      const [live, ready, metrics] = await Promise.all([
        api('/health/live', { signal }).then(() => true, (e) => (isAbort(e) ? Promise.reject(e) : false)),
        // 503 from readiness is an answer (not ready, with each check), not a failure
        api('/health/ready', { signal }).then((r) => r.body, (e) => (e.status === 503 ? e.problem : Promise.reject(e))),
        api('/metrics', { signal, text: true }).then((r) => r.body),
      ]);
      const scrape = new Scrape(metrics);
      renderHealth(live, ready);
      renderStreams(scrape);
      history.push(scrape);
      while (history.length > 0 && scrape.at - history[0].at > RECENT_MS) {
        history.shift();
      }
      renderDeadLetters(scrape);
      renderRequests(scrape);
      previous = scrape;
      showState(state, 'ok');
      const updated = document.getElementById('pipeline-updated');
      updated.textContent = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date(scrape.at));
      updated.dataset.at = String(scrape.at);
    } catch (error) {
      if (isAbort(error)) {
        return;
      }
      showError(state, error, 'Pipeline health', { label: 'Try again', run: refresh });
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (!paused && document.visibilityState === 'visible') {
      timer = setTimeout(async () => {
        await refresh();
        schedule();
      }, REFRESH_MS);
    }
  }

  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume auto-refresh' : 'Pause auto-refresh';
    schedule();
  });
  refreshNow.addEventListener('click', refresh);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      refresh();
    }
    schedule();
  });

  return {
    refresh() {
      refresh().then(schedule);
    },
  };
}
