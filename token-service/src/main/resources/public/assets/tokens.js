import { api, el, utc } from './api.js';
import { refreshAudit } from './audit.js';
import { clearPreview, initPreview } from './preview.js';

// Same rule as the API (docs/rest-api.md); the server's message still wins when it refuses.
const CONSUMER = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const $ = (id) => document.getElementById(id);
// the deployment's data-source file (token-service pom.xml copies it here) and its two variables
const PROVISIONING_FILE = '/assets/grafana/cloudquant.yaml';
const URL_VARIABLE = '${LIBERATOR_GRAFANA_DATASOURCE_URL}';
const TOKEN_VARIABLE = '${LIBERATOR_GRAFANA_TOKEN}';

const dialog = $('grafana-dialog');
const confirmDialog = $('confirm-revoke');
let canManage = false;
let opener = null;
let pendingRevoke = null;
let allTokens = [];
let listRequests = 0;
let provisioningFile = null;

export function initTokens(manage) {
  canManage = manage;
  if (!canManage) {
    // an auditor gets no control that would only be refused
    $('generate-form').remove();
    $('rotation').remove();
  } else {
    loadProvisioningFile();
    $('generate-form').addEventListener('submit', generate);
    initPreview(fieldError);
    $('copy-token').addEventListener('click', () => copy($('token-value')));
    $('copy-yaml').addEventListener('click', () => copy($('provisioning-yaml')));
    $('confirm-cancel').addEventListener('click', () => confirmDialog.close());
    $('confirm-ok').addEventListener('click', revoke);
  }
  $('open-grafana').addEventListener('click', open);
  $('close-dialog').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', forgetFreshToken);
  $('filter').addEventListener('input', renderList);
}

function open(event) {
  opener = event.currentTarget;
  dialog.showModal();
  (canManage ? $('consumer') : $('filter')).focus();
  refreshList();
}

/** Closing the dialog loses the token for good: it only ever lived in these two nodes. */
function forgetFreshToken() {
  $('token-value').textContent = '';
  $('fresh-scope').textContent = '';
  $('provisioning-yaml').textContent = '';
  $('fresh-token').hidden = true;
  $('copy-status').textContent = '';
  $('dialog-error').textContent = '';
  if (canManage) {
    $('rotation').hidden = true;
  }
  if (opener) {
    opener.focus();
  }
}

async function generate(event) {
  event.preventDefault();
  const consumer = $('consumer').value.trim();
  const expiry = $('expiry').value;
  const scope = $('scope').value.trim();
  for (const id of ['consumer-error', 'expiry-error', 'scope-error', 'dialog-error']) {
    $(id).textContent = '';
  }
  for (const id of ['consumer', 'expiry', 'scope']) {
    $(id).removeAttribute('aria-invalid');
  }
  if (!CONSUMER.test(consumer)) {
    fieldError('consumer', 'Use 1–63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. grafana-prod).');
    return;
  }
  const request = { consumer };
  if (expiry) {
    request.expiresAt = `${expiry}T00:00:00Z`;
  }
  if (scope) {
    // the server parses it (and says where it is wrong): one grammar, not a second one here
    request.scope = scope;
  }
  $('generate').disabled = true;
  try {
    const issued = await (await api('POST', '/api/v1/tokens', request)).json();
    showFreshToken(issued);
    $('generate-form').reset();
    clearPreview();
    refreshList();
    refreshAudit();
  } catch (e) {
    if (e.status === 400 && e.problem.field === 'consumer') {
      fieldError('consumer', e.message);
    } else if (e.status === 400 && e.problem.field === 'expiresAt') {
      fieldError('expiry', e.message);
    } else if (e.status === 400 && e.problem.field === 'scope') {
      fieldError('scope', e.message);
    } else if (e.status === 503 && e.problem.outcome === 'unknown') {
      // Kafka may still have recorded it: never claim nothing was issued
      $('dialog-error').textContent = `Kafka did not confirm whether token ${e.problem.tokenId} was issued. `
        + 'Refresh the list: if it is there, its secret is lost, so revoke it and issue a new one.';
      refreshList();
    } else if (e.status === 503) {
      $('dialog-error').textContent = 'The audit log is unavailable, nothing was issued. Try again in a few seconds.';
    } else {
      $('dialog-error').textContent = e.message;
    }
  } finally {
    $('generate').disabled = false;
  }
}

function fieldError(field, message) {
  $(`${field}-error`).textContent = message;
  $(field).setAttribute('aria-invalid', 'true');
  $(field).focus();
}

function showFreshToken(issued) {
  $('fresh-consumer').textContent = issued.consumer;
  $('fresh-scope').textContent = issued.scope ?? 'none: sees every series';
  $('token-value').textContent = issued.token;
  $('fresh-token').hidden = false;
  $('copy-token').focus();
  showProvisioning(issued.token);
}

/** The YAML follows the token; the token is shown even when the file cannot be loaded. */
async function showProvisioning(token) {
  let yaml;
  try {
    yaml = await provisioning(token);
  } catch (e) {
    yaml = `The Grafana provisioning file could not be loaded (${e.message}); the token above works without it.`;
  }
  // the dialog may have been closed (and the token forgotten) while the file was loading
  if ($('token-value').textContent === token) {
    $('provisioning-yaml').textContent = yaml;
  }
}

/** Fetched once, before the first token is issued, so that the YAML shows up with it. */
function loadProvisioningFile() {
  if (!provisioningFile) {
    provisioningFile = api('GET', PROVISIONING_FILE).then((response) => response.text());
    provisioningFile.catch(() => {}); // reported when a token needs it, not as an unhandled rejection
  }
  return provisioningFile;
}

/**
 * A Grafana data-source provisioning file for the address this browser reached us at: the
 * deployment's own file (infra/grafana/provisioning/datasources/cloudquant.yaml, copied into the jar
 * at build), its comments dropped and its two variables filled in here. The token never leaves
 * the browser: only the file is fetched.
 */
async function provisioning(token) {
  let text;
  try {
    text = await loadProvisioningFile();
  } catch (e) {
    provisioningFile = null; // the next token tries again
    throw e;
  }
  if (!text.includes(URL_VARIABLE) || !text.includes(TOKEN_VARIABLE)) {
    throw new Error(`${PROVISIONING_FILE} has no ${URL_VARIABLE} or ${TOKEN_VARIABLE} to fill in`);
  }
  const lines = text.split('\n');
  while (lines.length && lines[0].startsWith('#')) {
    lines.shift();
  }
  // functions, not strings, as replacements: "$" in them is never a pattern
  return lines.join('\n')
    .replaceAll(URL_VARIABLE, () => `${location.origin}/metrics-api-bearer`)
    .replaceAll(TOKEN_VARIABLE, () => token);
}

async function copy(node) {
  const text = node.textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    // no clipboard permission (e.g. plain http on another host): select it for Ctrl+C instead
    const range = document.createRange();
    range.selectNodeContents(node);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    $('copy-status').textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    return;
  }
  $('copy-status').textContent = 'Copied to the clipboard.';
}

async function refreshList() {
  const loading = ++listRequests;
  try {
    const tokens = await (await api('GET', '/api/v1/tokens')).json();
    if (loading === listRequests) {
      allTokens = tokens;
      renderUsageStatus(tokens);
      renderList();
    }
  } catch (e) {
    $('list-status').textContent = `The list is unavailable: ${e.message}`;
  }
}

/** Why every row's use is unknown (the same reason on each item), or nothing when it is known. */
function renderUsageStatus(tokens) {
  const why = tokens.length ? tokens[0].usageUnavailable : null;
  const note = $('usage-status');
  note.hidden = !why;
  if (!why) {
    note.textContent = '';
  } else if (why === 'not-configured') {
    note.textContent = 'Last used and requests are unknown: no Prometheus is configured '
      + '(liberator.monitoring.prometheus-url).';
  } else {
    note.textContent = `Last used and requests are unknown: Prometheus is ${why}. They return when it answers.`;
  }
}

/** Filters as you type (part of a consumer name), without asking the server again. */
function renderList() {
  const filter = $('filter').value.trim().toLowerCase();
  const shown = allTokens.filter((t) => t.consumer.includes(filter));
  document.querySelector('#tokens tbody').replaceChildren(...shown.map(row));
  $('list-status').textContent = shown.length ? '' : (filter ? `No tokens for a consumer matching "${filter}".` : 'No tokens yet.');
}

function row(token) {
  const tr = document.createElement('tr');
  tr.dataset.tokenId = token.id;
  tr.append(el('td', token.consumer), el('td', token.hint, 'mono'), scopeCell(token), el('td', token.issuedBy),
    el('td', utc(token.issuedAt)), el('td', token.expiresAt ? utc(token.expiresAt) : 'never'), lastUsed(token),
    requests(token), status(token));
  if (token.unused) {
    tr.classList.add('unused');
  }
  const actions = el('td', undefined, 'actions');
  if (canManage && token.status !== 'revoked') {
    actions.append(button('Revoke', 'revoke danger', () => askRevoke(token)));
    actions.append(button('Issue replacement', 'replace', () => startRotation(token)));
  }
  tr.append(actions);
  return tr;
}

/** The scope as text (a label value may hold anything: never parsed as HTML). */
function scopeCell(token) {
  return token.scope ? el('td', token.scope, 'scope') : el('td', 'all series', 'scope muted');
}

/** "3 min ago" with the exact time on hover; "never"; a dash when Prometheus could not say. */
function lastUsed(token) {
  if (token.usageUnavailable) {
    return el('td', '–', 'usage muted');
  }
  const cell = el('td', token.lastUsedAt ? ago(token.lastUsedAt) : 'never', 'usage');
  if (token.lastUsedAt) {
    cell.title = `${utc(token.lastUsedAt)} UTC`;
  }
  if (token.unused) {
    const flag = el('span', 'unused', 'flag unused');
    flag.title = 'Not used for longer than liberator.monitoring.unused-after: revoke it if nobody needs it';
    cell.append(' ', flag);
  }
  return cell;
}

function requests(token) {
  return token.requests24h === null || token.requests24h === undefined
    ? el('td', '–', 'number muted') : el('td', String(token.requests24h), 'number');
}

/** How long ago, in the largest whole unit: "just now", "3 min ago", "5 h ago", "12 d ago". */
function ago(instant) {
  const seconds = Math.max(0, (Date.now() - Date.parse(instant)) / 1000);
  if (seconds < 60) {
    return 'just now';
  }
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60]]) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)} ${unit} ago`;
    }
  }
  return 'just now';
}

function status(token) {
  if (token.status === 'revoked') {
    return el('td', `revoked by ${token.revokedBy} at ${utc(token.revokedAt)}`, 'status revoked');
  }
  return el('td', token.status, `status ${token.status}`);
}

function button(label, className, onClick) {
  const b = el('button', label, className);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function askRevoke(token) {
  pendingRevoke = token;
  $('confirm-text').textContent = `Revoke token ${token.hint} of consumer ${token.consumer}? `
    + 'Every client using it is refused from then on. This cannot be undone.';
  $('confirm-error').textContent = '';
  confirmDialog.showModal();
  $('confirm-cancel').focus();
}

async function revoke() {
  const token = pendingRevoke;
  try {
    await api('DELETE', `/api/v1/tokens/${encodeURIComponent(token.id)}`);
    confirmDialog.close();
    await refreshList();
    $('list-status').textContent = `Revoked ${token.hint} (${token.consumer}).`;
    refreshAudit();
  } catch (e) {
    if (e.status === 503 && e.problem.outcome === 'unknown') {
      $('confirm-error').textContent = 'Kafka did not confirm whether the revocation was recorded. '
        + 'Refresh the list to see the token\'s status; revoking again is safe.';
      refreshList();
    } else {
      $('confirm-error').textContent = e.status === 503
        ? 'The audit log is unavailable, nothing was revoked. Try again in a few seconds.' : e.message;
    }
  }
}

function startRotation(token) {
  $('rotation-consumer').textContent = token.consumer;
  $('rotation').hidden = false;
  $('consumer').value = token.consumer;
  $('scope').value = token.scope ?? '';
  clearPreview();
  $('rotation').scrollIntoView();
  $('generate').focus();
}
