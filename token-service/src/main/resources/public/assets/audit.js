import { api, el, utc } from './api.js';

const chain = document.getElementById('chain-result');
const body = document.querySelector('#audit-events tbody');
const SHOWN = 200;

async function verify() {
  try {
    const result = await (await api('GET', '/api/v1/audit/verify')).json();
    if (result.intact) {
      chain.textContent = `Hash chain intact: ${result.verifiedRecords} records verified, head #${result.headSeq}`
        + ` (checked ${utc(result.checkedAt)} UTC, one signature per run).`;
      chain.className = 'ok';
    } else {
      const b = result.firstBreak;
      chain.textContent = `Hash chain BROKEN at offset ${b.offset} (${b.reason}): ${b.detail}`;
      chain.className = 'error';
    }
  } catch (e) {
    if (e.status === 429) {
      // checked often enough for now: keep showing the last answer, if there is one
      if (!chain.textContent) {
        chain.textContent = 'The chain was checked moments ago; it can be checked again shortly.';
      }
      return;
    }
    chain.textContent = e.status === 503
      ? 'The audit log is unavailable (Kafka does not answer): the chain cannot be checked right now.'
      : `The chain check failed: ${e.message}`;
    chain.className = 'error';
  }
}

async function events() {
  let lines;
  try {
    lines = (await (await api('GET', '/api/v1/audit/events')).text()).split('\n').filter(Boolean);
  } catch (e) {
    body.replaceChildren(row(['', 'The audit log is unavailable right now.', '', '', '']));
    return;
  }
  const all = lines.map((line) => JSON.parse(line));
  const issued = new Map(all.filter((e) => e.type === 'TokenIssued').map((e) => [e.tokenId, e.data]));
  body.replaceChildren(...all.slice(-SHOWN).reverse().map((e) => {
    const token = e.type === 'TokenIssued' ? e.data : issued.get(e.tokenId) || {};
    return row([e.seq, e.type, `${token.consumer || '?'} ${token.hint || ''}`, e.actor, utc(e.occurredAt)]);
  }));
}

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach((text) => tr.append(el('td', text)));
  return tr;
}

export function refreshAudit() {
  return Promise.all([verify(), events()]);
}
