// Entry point: the API key form, the "a key is needed" banner, and the three panels.

import { credentials } from './api.js';
import { initOrders } from './orders.js';
import { initPipeline } from './pipeline.js';
import { initSales } from './sales.js';

const keyForm = document.getElementById('key-form');
const keyInput = document.getElementById('api-key');
const remember = document.getElementById('remember-key');
const keyStatus = document.getElementById('key-status');
const banner = document.getElementById('auth-banner');

function describeKey() {
  const key = credentials.get();
  keyStatus.dataset.keySet = String(Boolean(key));
  if (!key) {
    keyStatus.textContent = 'No key set: views that need one will say so.';
  } else {
    keyStatus.textContent = credentials.remembered() ? 'Key set, remembered on this device.'
      : 'Key set for this browser tab.';
  }
}

const sales = initSales();
const orders = initOrders();
const pipeline = initPipeline();

function refreshAll() {
  sales.refresh();
  orders.refresh();
}

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = keyInput.value.trim();
  if (value) {
    credentials.set(value, remember.checked);
  } else {
    credentials.forget();
  }
});
document.getElementById('forget-key').addEventListener('click', () => {
  keyInput.value = '';
  remember.checked = false;
  credentials.forget();
});
document.addEventListener('credentials-changed', () => {
  banner.hidden = true;
  describeKey();
  refreshAll();
});
document.addEventListener('api-unauthorized', (event) => {
  document.getElementById('auth-banner-detail').textContent = event.detail.message ? `${event.detail.message}.`
    .replace(/\.\.$/, '.') : '';
  banner.hidden = false;
});

keyInput.value = credentials.get();
remember.checked = credentials.remembered();
describeKey();
refreshAll();
pipeline.refresh();
