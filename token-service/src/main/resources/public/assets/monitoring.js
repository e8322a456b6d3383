import { api } from './api.js';

const message = document.getElementById('monitoring-message');
const numbers = document.getElementById('monitoring-numbers');

function show(id, value, digits) {
  document.getElementById(id).textContent = value === null || value === undefined ? 'no data' : value.toFixed(digits);
}

async function refresh() {
  try {
    const summary = await (await api('GET', '/api/v1/monitoring/summary')).json();
    if (summary.state !== 'ok') {
      message.textContent = summary.message;
      numbers.hidden = true;
      return;
    }
    message.textContent = `Live from ${summary.prometheusUrl}, refreshed every 30 s.`;
    document.getElementById('targets-up').textContent = summary.targetsUp === null
      ? 'no data' : `${summary.targetsUp.toFixed(0)} of ${(summary.targetsTotal ?? 0).toFixed(0)}`;
    show('request-rate', summary.requestsPerSecond, 2);
    show('auth-failures', summary.authFailuresLastHour, 0);
    numbers.hidden = false;
  } catch (e) {
    message.textContent = `The monitoring summary is unavailable: ${e.message}`;
    numbers.hidden = true;
  }
}

export function startMonitoring() {
  refresh();
  setInterval(refresh, 30000);
}
