// Orders panel: place an order (POST /orders), follow its status live (GET /orders/{id}?waitFor=terminal long-poll),
// look one up by id, and page through a customer's orders (GET /customers/{id}/orders).

import { api, ApiError, delay, isAbort, randomUuid, withRetry } from './api.js';
import { el, formatDateTime, formatInt, formatMinor, showError, showRetrying, showState } from './format.js';

/** How long one long-poll may wait on the server; short enough to show steps between PENDING and the end. */
const LONG_POLL = '2s';
/** How long a just-placed order may take to appear in the projections before the tracker gives up. */
const APPEAR_WITHIN_MS = 60_000;
const MAX_ITEMS = 100;

function statusBadge(status) {
  return el('span', { class: `badge status-${String(status).toLowerCase()}`, dataset: { status } }, status);
}

function setFieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  if (error) {
    error.textContent = message ?? '';
    error.hidden = !message;
  }
}

export function initOrders() {
  const form = document.getElementById('order-form');
  const customer = document.getElementById('order-customer');
  const currency = document.getElementById('order-currency');
  const itemsList = document.getElementById('order-items');
  const addItem = document.getElementById('add-item');
  const totalOutput = document.getElementById('order-total');
  const formError = document.getElementById('order-form-error');
  const formState = document.getElementById('order-form-state');
  const placeButton = document.getElementById('place-order');

  const lookupForm = document.getElementById('lookup-form');
  const lookupId = document.getElementById('lookup-id');

  const trackerState = document.getElementById('tracker-state');
  const trackerBody = document.getElementById('tracker-body');
  const announcer = document.getElementById('tracker-announcer');

  const customerForm = document.getElementById('customer-form');
  const customerId = document.getElementById('customer-id');
  const customerLimit = document.getElementById('customer-limit');
  const customerState = document.getElementById('customer-state');
  const customerTable = document.getElementById('customer-table');
  const customerMore = document.getElementById('customer-more');

  let itemCounter = 0;
  let tracking = null;
  let customerRequest = null;
  let nextCursor = null;

  // ── the order form ──────────────────────────────────────────────────────────────────────────────────────────
  function itemRows() {
    return [...itemsList.querySelectorAll('li')];
  }

  function renumber() {
    itemRows().forEach((li, index) => {
      li.setAttribute('aria-label', `Item ${index + 1}`);
      li.dataset.index = String(index);
      li.querySelector('.remove-item').setAttribute('aria-label', `Remove item ${index + 1}`);
      li.querySelector('.remove-item').disabled = itemRows().length === 1;
    });
    addItem.disabled = itemRows().length >= MAX_ITEMS;
  }

  function addItemRow(sku = 'SKU-1', quantity = 1, unitPriceMinor = 1000) {
    itemCounter += 1;
    const id = `item-${itemCounter}`;
    const field = (name, label, value, attrs) => el('div', { class: 'field' },
      el('label', { for: `${id}-${name}` }, label),
      el('input', { id: `${id}-${name}`, name, value: String(value), required: true, 'aria-describedby': `${id}-${name}-error`, ...attrs }),
      el('p', { id: `${id}-${name}-error`, class: 'field-error', hidden: true }));
    const li = el('li', { class: 'item', role: 'group' },
      field('sku', 'SKU', sku, { spellcheck: 'false', autocapitalize: 'characters' }),
      field('quantity', 'Quantity', quantity, { type: 'number', min: '1', max: '10000', step: '1', inputmode: 'numeric' }),
      field('unitPriceMinor', 'Unit price (minor units)', unitPriceMinor, { type: 'number', min: '0', step: '1', inputmode: 'numeric' }),
      el('button', { type: 'button', class: 'secondary remove-item', onclick: () => { li.remove(); renumber(); updateTotal(); itemRows()[0]?.querySelector('input')?.focus(); } }, 'Remove'));
    itemsList.append(li);
    renumber();
    updateTotal();
    return li;
  }

  function readNumber(input) {
    const text = input.value.trim();
    return text === '' ? null : /^-?\d+$/.test(text) ? Number(text) : text;
  }

  function orderBody() {
    return {
      customerId: customer.value.trim(),
      currency: currency.value.trim().toUpperCase(),
      items: itemRows().map((li) => ({
        sku: li.querySelector('[name=sku]').value.trim(),
        quantity: readNumber(li.querySelector('[name=quantity]')),
        unitPriceMinor: readNumber(li.querySelector('[name=unitPriceMinor]')),
      })),
    };
  }

  function updateTotal() {
    const body = orderBody();
    const complete = body.items.every((i) => Number.isInteger(i.quantity) && Number.isInteger(i.unitPriceMinor));
    if (!complete || !/^[A-Z]{3}$/.test(body.currency)) {
      totalOutput.textContent = '–';
      return;
    }
    const total = body.items.reduce((sum, i) => sum + BigInt(i.quantity) * BigInt(i.unitPriceMinor), 0n);
    totalOutput.textContent = formatMinor(total, body.currency);
  }

  function clearFormErrors() {
    form.querySelectorAll('input').forEach((input) => setFieldError(input, null));
    formError.hidden = true;
    formError.textContent = '';
  }

  /** Shows the server's field problems (JSON pointers like /items/0/quantity) next to their inputs. */
  function showFieldErrors(errors) {
    const unplaced = [];
    for (const { pointer, message } of errors) {
      const parts = String(pointer).replace(/^[#/]/, '').split('/');
      let input = null;
      if (parts[0] === 'customerId') {
        input = customer;
      } else if (parts[0] === 'currency') {
        input = currency;
      } else if (parts[0] === 'items' && parts.length >= 3) {
        input = itemRows()[Number(parts[1])]?.querySelector(`[name=${parts[2]}]`) ?? null;
      }
      if (input) {
        setFieldError(input, message);
      } else {
        unplaced.push(`${pointer}: ${message}`);
      }
    }
    if (unplaced.length > 0) {
      formError.textContent = unplaced.join('; ');
      formError.hidden = false;
    }
    form.querySelector('[aria-invalid=true]')?.focus();
  }

  async function placeOrder() {
    clearFormErrors();
    const body = orderBody();
    // one key per order: a retry after 503 reuses it, so the order can never be placed twice
    const idempotencyKey = randomUuid();
    placeButton.disabled = true;
    showState(formState, 'loading', 'Placing the order…');
    try {
      const { body: accepted } = await withRetry(
        () => api('/orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
        { onWaiting: (seconds, error) => showRetrying(formState, seconds, error), attempts: 5 });
      showState(formState, 'accepted', `Accepted (202) as order ${accepted.orderId}; its status is followed under “Order status”.`);
      formState.dataset.orderId = accepted.orderId;
      track(accepted.orderId, { placed: true });
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'invalid') {
        showFieldErrors(error.fieldErrors);
      }
      showError(formState, error, 'Placing an order');
    } finally {
      placeButton.disabled = false;
    }
  }

  // ── the status tracker ──────────────────────────────────────────────────────────────────────────────────────
  function renderOrder(order, live) {
    trackerBody.hidden = false;
    trackerBody.dataset.orderId = order.orderId;
    trackerBody.dataset.status = order.status;
    trackerBody.dataset.terminal = String(order.terminal);
    document.getElementById('tracker-order-id').textContent = order.orderId;
    const badge = document.getElementById('tracker-status');
    badge.textContent = order.status;
    badge.className = `badge status-${order.status.toLowerCase()}`;
    badge.dataset.status = order.status;
    document.getElementById('tracker-live').textContent = live ? 'following live…' : '';
    const reasonRow = document.getElementById('tracker-reason-row');
    const reason = document.getElementById('tracker-reason');
    reasonRow.hidden = !order.reasonCode && !order.reasonMessage;
    reason.textContent = [order.reasonCode, order.reasonMessage].filter(Boolean).join(': ');
    reason.dataset.reasonCode = order.reasonCode ?? '';
    document.getElementById('tracker-customer').textContent = order.customerId;
    document.getElementById('tracker-total').textContent = order.currency ? formatMinor(order.totalMinor, order.currency) : '–';
    document.getElementById('tracker-created').textContent = formatDateTime(order.createdAt);
    document.getElementById('tracker-history').replaceChildren(...(order.history ?? []).map((step) => el('li', {
      dataset: { status: step.status },
    }, statusBadge(step.status), ' ', el('time', { datetime: step.changedAt }, formatDateTime(step.changedAt)),
    step.reasonCode || step.reasonMessage ? el('span', { class: 'step-reason' },
      ` ${[step.reasonCode, step.reasonMessage].filter(Boolean).join(': ')}`) : null)));
    document.getElementById('tracker-items').replaceChildren(...(order.items ?? []).map((item) => el('li', {},
      `${formatInt(item.quantity)} × ${item.sku} at ${order.currency ? formatMinor(item.unitPriceMinor, order.currency) : item.unitPriceMinor}`)));
  }

  function announce(order) {
    const reason = order.reasonMessage ? ` (${order.reasonMessage})` : '';
    announcer.textContent = `Order ${order.orderId.slice(0, 8)} is ${order.status}${reason}.`;
  }

  /**
   * Follows an order until it is terminal: one immediate read, then long-polls that each wait up to LONG_POLL on
   * the server (which answers at once when the order ends). A just-placed order may not be projected yet (404):
   * then it keeps waiting up to APPEAR_WITHIN_MS. 503 waits out Retry-After.
   */
  async function track(orderId, { placed = false } = {}) {
    tracking?.abort();
    const request = new AbortController();
    tracking = request;
    const { signal } = request;
    const started = Date.now();
    const path = `/orders/${encodeURIComponent(orderId)}`;
    let lastStatus = null;
    let first = true;
    trackerBody.hidden = true;
    showState(trackerState, 'loading', `Looking for order ${orderId}…`);
    trackerState.closest('section').scrollIntoView({ block: 'nearest' });
    while (!signal.aborted) {
      try {
        const { body: order } = await withRetry(
          () => api(first ? path : `${path}?waitFor=terminal&timeout=${LONG_POLL}`, { signal }),
          { signal, onWaiting: (seconds, error) => showRetrying(trackerState, seconds, error) });
        first = false;
        renderOrder(order, !order.terminal);
        if (order.status !== lastStatus) {
          announce(order);
          lastStatus = order.status;
        }
        if (order.terminal) {
          showState(trackerState, 'ok');
          trackerState.dataset.state = 'terminal';
          return;
        }
        showState(trackerState, 'ok');
        trackerState.dataset.state = 'following';
      } catch (error) {
        if (isAbort(error)) {
          return;
        }
        if (error.kind === 'not-found' && placed && Date.now() - started < APPEAR_WITHIN_MS) {
          showState(trackerState, 'loading', `Order ${orderId} was accepted; waiting for the pipeline to record it…`);
          if (first) {
            first = false; // the next request long-polls, which waits on the server
          } else {
            await delay(250, signal).catch(() => {});
          }
          continue;
        }
        trackerBody.hidden = true;
        showError(trackerState, error, `Order ${orderId}`, { label: 'Try again', run: () => track(orderId, { placed }) });
        return;
      }
    }
  }

  // ── a customer's orders ────────────────────────────────────────────────────────────────────────────────────
  async function loadCustomer(append) {
    const wrap = customerTable.closest('.table-wrap');
    const id = customerId.value.trim();
    if (!id) {
      setFieldError(customerId, 'Enter a customer id, e.g. c-1.');
      return;
    }
    setFieldError(customerId, null);
    customerRequest?.abort();
    const request = new AbortController();
    customerRequest = request;
    const cursor = append ? nextCursor : null;
    const path = `/customers/${encodeURIComponent(id)}/orders?limit=${encodeURIComponent(customerLimit.value)}`
      + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
    showState(customerState, 'loading', `Loading orders of ${id}…`);
    customerMore.hidden = true;
    try {
      const { body } = await withRetry(() => api(path, { signal: request.signal }),
        { signal: request.signal, onWaiting: (seconds, error) => showRetrying(customerState, seconds, error) });
      const rows = body.orders.map((o) => el('tr', { dataset: { orderId: o.orderId, status: o.status } },
        el('td', {}, el('button', { type: 'button', class: 'link mono', onclick: () => track(o.orderId),
          'aria-label': `Show order ${o.orderId}` }, o.orderId.slice(0, 8))),
        el('td', {}, statusBadge(o.status)),
        el('td', {}, formatDateTime(o.createdAt)),
        el('td', { class: 'num' }, o.currency ? formatMinor(o.totalMinor, o.currency) : '–')));
      if (append) {
        customerTable.tBodies[0].append(...rows);
      } else {
        customerTable.tBodies[0].replaceChildren(...rows);
      }
      document.getElementById('customer-table-caption').textContent = `Orders of ${body.customerId}, newest first`;
      nextCursor = body.nextCursor;
      customerMore.hidden = !nextCursor;
      const count = customerTable.tBodies[0].rows.length;
      wrap.hidden = count === 0;
      if (count === 0) {
        showState(customerState, 'empty', `No orders for customer ${body.customerId}.`);
      } else {
        showState(customerState, 'ok');
      }
    } catch (error) {
      if (isAbort(error)) {
        return;
      }
      wrap.hidden = true;
      showError(customerState, error, 'Customer orders', { label: 'Try again', run: () => loadCustomer(append) });
    }
  }

  // ── wiring ─────────────────────────────────────────────────────────────────────────────────────────────────
  addItemRow('SKU-1', 2, 1250);
  addItem.addEventListener('click', () => addItemRow('', 1, 0).querySelector('input').focus());
  form.addEventListener('input', updateTotal);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    placeOrder();
  });
  lookupForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = lookupId.value.trim();
    setFieldError(lookupId, id ? null : 'Enter an order id.');
    if (id) {
      track(id);
    }
  });
  customerForm.addEventListener('submit', (event) => {
    event.preventDefault();
    loadCustomer(false);
  });
  customerMore.addEventListener('click', () => loadCustomer(true));

  return {
    refresh() {
      loadCustomer(false);
    },
  };
}
