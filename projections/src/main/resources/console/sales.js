// Sales panel: GET /sales/monthly?from&to as a chart (revenue bars, order-count line, one currency at a time) with
// the exact figures in a table, and GET /sales/monthly/{month}/products?top=N.

import { api, isAbort, withRetry } from './api.js';
import {
  addMonths, el, formatInt, formatMinor, formatMoneyMap, MONTH_PATTERN, monthOf, showError, showRetrying, showState,
  toMajor,
} from './format.js';

const MAX_MONTHS = 120;
const DEFAULT_CURRENCIES = ['EUR', 'USD', 'GBP'];

function monthsBetween(from, to) {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty * 12 + tm) - (fy * 12 + fm) + 1;
}

/** Marks a field invalid with a message (or clears it); returns whether it was valid. */
function fieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  error.textContent = message ?? '';
  error.hidden = !message;
  return !message;
}

function cssColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function initSales() {
  const form = document.getElementById('sales-form');
  const from = document.getElementById('sales-from');
  const to = document.getElementById('sales-to');
  const currencySelect = document.getElementById('sales-currency');
  const state = document.getElementById('sales-state');
  const result = document.getElementById('sales-result');
  const canvas = document.getElementById('sales-chart');
  const table = document.getElementById('sales-table');
  const productsForm = document.getElementById('products-form');
  const productsMonth = document.getElementById('products-month');
  const productsTop = document.getElementById('products-top');
  const productsState = document.getElementById('products-state');
  const productsTable = document.getElementById('products-table');

  let chart = null;
  let lastRange = null;
  let salesRequest = null;
  let productsRequest = null;

  currencySelect.replaceChildren(...DEFAULT_CURRENCIES.map((c) => el('option', { value: c }, c)));
  const thisMonth = monthOf(new Date());
  to.value = thisMonth;
  from.value = addMonths(thisMonth, -11);
  productsMonth.value = thisMonth;

  function validRange() {
    const okFrom = fieldError(from, MONTH_PATTERN.test(from.value) ? null : 'Enter a month as YYYY-MM, e.g. 2026-01.');
    const okTo = fieldError(to, MONTH_PATTERN.test(to.value) ? null : 'Enter a month as YYYY-MM, e.g. 2026-12.');
    if (!okFrom || !okTo) {
      return false;
    }
    const months = monthsBetween(from.value, to.value);
    if (months < 1) {
      return fieldError(to, `Must not be before the first month (${from.value}).`);
    }
    if (months > MAX_MONTHS) {
      return fieldError(to, `At most ${MAX_MONTHS} months at a time.`);
    }
    return true;
  }

  function currenciesOf(range) {
    const found = new Set(Object.keys(range.total.revenueMinor ?? {}));
    range.months.forEach((m) => Object.keys(m.revenueMinor ?? {}).forEach((c) => found.add(c)));
    return [...found].sort();
  }

  function fillCurrencies(range) {
    const found = currenciesOf(range);
    const choices = found.length > 0 ? found : DEFAULT_CURRENCIES;
    const previous = currencySelect.value;
    currencySelect.replaceChildren(...choices.map((c) => el('option', { value: c }, c)));
    if (choices.includes(previous)) {
      currencySelect.value = previous;
    } else {
      // the currency with the most orders in the range
      const orders = range.total.ordersByCurrency ?? {};
      currencySelect.value = choices.reduce((best, c) => ((orders[c] ?? 0) > (orders[best] ?? 0) ? c : best), choices[0]);
    }
  }

  function renderChart(range, currency) {
    const months = range.months.map((m) => m.month);
    const revenueMinor = range.months.map((m) => m.revenueMinor?.[currency] ?? 0);
    const orders = range.months.map((m) => m.ordersByCurrency?.[currency] ?? 0);
    // what the chart was given, exactly, for tests and for anyone inspecting the page
    canvas.dataset.currency = currency;
    canvas.dataset.months = JSON.stringify(months);
    canvas.dataset.revenueMinor = JSON.stringify(revenueMinor);
    canvas.dataset.orders = JSON.stringify(orders);
    const total = range.total;
    canvas.setAttribute('aria-label', `Chart of monthly sales in ${currency} from ${range.from} to ${range.to}: `
      + `${formatInt(total.ordersByCurrency?.[currency] ?? 0)} orders, `
      + `${formatMinor(total.revenueMinor?.[currency] ?? 0, currency)} revenue in total.`);
    document.getElementById('sales-chart-currency').textContent = currency;

    if (typeof window.Chart !== 'function') {
      canvas.dataset.rendered = 'unavailable';
      return;
    }
    const data = {
      labels: months,
      datasets: [
        {
          type: 'bar', label: `Revenue (${currency})`, yAxisID: 'revenue', order: 2,
          data: revenueMinor.map((minor) => toMajor(minor, currency)),
          backgroundColor: cssColor('--chart-bar'), borderRadius: 3,
        },
        {
          type: 'line', label: `Orders (${currency})`, yAxisID: 'orders', order: 1,
          data: orders, borderColor: cssColor('--chart-line'), backgroundColor: cssColor('--chart-line'),
          pointRadius: 3, tension: 0,
        },
      ],
    };
    const text = cssColor('--text-muted');
    const grid = cssColor('--border');
    if (chart) {
      chart.data = data;
      chart.update();
    } else {
      const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
      chart = new window.Chart(canvas, {
        data,
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: reduceMotion ? false : { duration: 250 },
          interaction: { mode: 'index', intersect: false },
          plugins: {
            legend: { labels: { color: text } },
            tooltip: {
              callbacks: {
                label: (item) => (item.dataset.yAxisID === 'revenue'
                  ? `Revenue: ${formatMinor(JSON.parse(canvas.dataset.revenueMinor)[item.dataIndex], canvas.dataset.currency)}`
                  : `Orders: ${formatInt(item.raw)}`),
              },
            },
          },
          scales: {
            x: { ticks: { color: text }, grid: { color: grid } },
            revenue: { position: 'left', beginAtZero: true, ticks: { color: text }, grid: { color: grid },
              title: { display: true, text: 'Revenue', color: text } },
            orders: { position: 'right', beginAtZero: true, ticks: { color: text, precision: 0 },
              grid: { drawOnChartArea: false }, title: { display: true, text: 'Orders', color: text } },
          },
          onClick: (event, elements) => {
            if (elements.length > 0) {
              showProducts(JSON.parse(canvas.dataset.months)[elements[0].index]);
            }
          },
        },
      });
    }
    canvas.dataset.rendered = 'true';
  }

  function renderTable(range, currency) {
    table.querySelectorAll('.cur').forEach((span) => { span.textContent = `(${currency})`; });
    const row = (label, m, isTotal) => el('tr', {
      dataset: {
        month: isTotal ? 'total' : m.month,
        orders: String(m.orders), units: String(m.units),
        currencyOrders: String(m.ordersByCurrency?.[currency] ?? 0),
        revenueMinor: String(m.revenueMinor?.[currency] ?? 0),
      },
    },
    el(isTotal ? 'th' : 'td', isTotal ? { scope: 'row' } : {}, label),
    el('td', { class: 'num' }, formatInt(m.orders)),
    el('td', { class: 'num' }, formatInt(m.units)),
    el('td', { class: 'num' }, formatInt(m.ordersByCurrency?.[currency] ?? 0)),
    el('td', { class: 'num', title: `${m.revenueMinor?.[currency] ?? 0} minor units` },
      formatMinor(m.revenueMinor?.[currency] ?? 0, currency)),
    el('td', { class: 'num' }, m.averageOrderValueMinor?.[currency] === undefined ? '–'
      : formatMinor(m.averageOrderValueMinor[currency], currency)),
    el('td', {}, isTotal ? '' : el('button', {
      type: 'button', class: 'link', onclick: () => showProducts(m.month),
      'aria-label': `Top products of ${m.month}`,
    }, 'Top products')));
    table.tBodies[0].replaceChildren(...range.months.map((m) => row(m.month, m, false)));
    table.tFoot.replaceChildren(row(`Total ${range.from} – ${range.to}`, range.total, true));
  }

  function render(range) {
    lastRange = range;
    fillCurrencies(range);
    const currency = currencySelect.value;
    result.hidden = false;
    renderTable(range, currency);
    renderChart(range, currency);
    if (range.total.orders === 0) {
      result.hidden = true;
      showState(state, 'empty', `No confirmed orders between ${range.from} and ${range.to} yet.`,
        { detail: 'Place an order below; it is counted here once the saga confirms it.' });
    } else {
      showState(state, 'ok');
    }
  }

  async function loadSales() {
    if (!validRange()) {
      showState(state, 'invalid', 'Check the months above.');
      return;
    }
    salesRequest?.abort();
    const request = new AbortController();
    salesRequest = request;
    const path = `/sales/monthly?from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`;
    showState(state, 'loading', `Loading sales ${from.value} – ${to.value}…`);
    state.closest('section').setAttribute('aria-busy', 'true');
    try {
      const { body } = await withRetry(() => api(path, { signal: request.signal }),
        { signal: request.signal, onWaiting: (seconds, error) => showRetrying(state, seconds, error) });
      render(body);
    } catch (error) {
      if (isAbort(error)) {
        return;
      }
      for (const problem of error.fieldErrors ?? []) {
        const input = problem.pointer === '#from' ? from : problem.pointer === '#to' ? to : null;
        if (input) {
          fieldError(input, problem.message);
        }
      }
      result.hidden = true;
      showError(state, error, 'Sales', { label: 'Try again', run: loadSales });
    } finally {
      if (salesRequest === request) {
        state.closest('section').removeAttribute('aria-busy');
      }
    }
  }

  async function loadProducts() {
    const wrap = productsTable.closest('.table-wrap');
    if (!fieldError(productsMonth, MONTH_PATTERN.test(productsMonth.value) ? null : 'Enter a month as YYYY-MM.')) {
      wrap.hidden = true;
      showState(productsState, 'invalid', 'Check the month above.');
      return;
    }
    productsRequest?.abort();
    const request = new AbortController();
    productsRequest = request;
    const month = productsMonth.value;
    const path = `/sales/monthly/${encodeURIComponent(month)}/products?top=${encodeURIComponent(productsTop.value)}`;
    showState(productsState, 'loading', `Loading top products of ${month}…`);
    try {
      const { body } = await withRetry(() => api(path, { signal: request.signal }),
        { signal: request.signal, onWaiting: (seconds, error) => showRetrying(productsState, seconds, error) });
      document.getElementById('products-table-caption').textContent = `Top products of ${body.month} by units`;
      productsTable.tBodies[0].replaceChildren(...body.products.map((p, i) => el('tr', {
        dataset: { sku: p.sku, units: String(p.units), orders: String(p.orders) },
      },
      el('td', { class: 'num' }, String(i + 1)),
      el('th', { scope: 'row' }, p.sku),
      el('td', { class: 'num' }, formatInt(p.units)),
      el('td', { class: 'num' }, formatInt(p.orders)),
      el('td', { class: 'num' }, formatMoneyMap(p.revenueMinor)))));
      wrap.hidden = body.products.length === 0;
      if (body.products.length === 0) {
        showState(productsState, 'empty', `No products sold in ${body.month} yet.`);
      } else {
        showState(productsState, 'ok');
      }
    } catch (error) {
      if (isAbort(error)) {
        return;
      }
      wrap.hidden = true;
      if (error.fieldErrors?.length) {
        fieldError(productsMonth, error.fieldErrors[0].message);
      }
      showError(productsState, error, 'Top products', { label: 'Try again', run: loadProducts });
    }
  }

  function showProducts(month) {
    productsMonth.value = month;
    loadProducts();
    document.getElementById('products-title').scrollIntoView({ block: 'start' });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    loadSales();
  });
  currencySelect.addEventListener('change', () => {
    if (lastRange) {
      render(lastRange);
    }
  });
  form.querySelectorAll('[data-months]').forEach((button) => button.addEventListener('click', () => {
    const current = monthOf(new Date());
    to.value = current;
    from.value = addMonths(current, 1 - Number(button.dataset.months));
    loadSales();
  }));
  productsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    loadProducts();
  });

  return {
    refresh() {
      loadSales();
      loadProducts();
    },
  };
}
