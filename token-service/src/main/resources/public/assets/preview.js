import { api } from './api.js';

// The scope preview: what a scope would let a token read, asked of the server (which asks
// Prometheus the way the gateway would); the browser never talks to Prometheus.
const $ = (id) => document.getElementById(id);
const number = (n) => n.toLocaleString('en-US');
let asked = 0;

/** fieldError: how the form shows a field's error (the same as for Generate). */
export function initPreview(fieldError) {
  $('preview-scope').addEventListener('click', () => preview(fieldError));
  // a preview of text no longer in the field would mislead
  $('scope').addEventListener('input', clearPreview);
}

export function clearPreview() {
  asked++;
  show('');
}

async function preview(fieldError) {
  const scope = $('scope').value.trim();
  const mine = ++asked;
  $('scope-error').textContent = '';
  $('scope').removeAttribute('aria-invalid');
  if (!scope) {
    show('No scope: the token will see every series, so there is nothing to preview.');
    return;
  }
  show('Asking Prometheus…');
  try {
    const answer = await (await api('GET', `/api/v1/scope-preview?scope=${encodeURIComponent(scope)}`)).json();
    if (mine === asked) {
      show(describe(answer), answer.series === 0);
    }
  } catch (e) {
    if (mine !== asked) {
      return;
    }
    if (e.status === 400 && e.problem.field === 'scope') {
      show('');
      fieldError('scope', e.message);
    } else {
      // 503: the server's detail says which Prometheus and why, and that issuing still works
      show(e.status === 503 ? e.message : `The preview is unavailable (${e.message}); issuing still works.`);
    }
  }
}

function describe(answer) {
  const span = answer.window === '1h' ? 'the last hour' : `the last ${answer.window}`;
  if (answer.series === 0) {
    return `This scope sees no series in ${span} — check the label names and values: `
      + 'a scope that matches nothing is the most common mistake (names and values are case-sensitive, '
      + 'and =~ must match the whole value).';
  }
  const series = answer.seriesCapped ? `more than ${number(answer.series)} series` : `${number(answer.series)} series`;
  const total = answer.metricNamesTotal;
  const more = total > answer.metricNames.length ? `, … (${number(total - answer.metricNames.length)} more)` : '';
  return `This scope sees ${series} of ${number(total)} metric${total === 1 ? '' : 's'} over ${span}: `
    + `${answer.metricNames.join(', ')}${more}`;
}

/** Text only: metric names come from Prometheus and are never parsed as HTML. */
function show(text, empty = false) {
  const out = $('scope-preview');
  out.textContent = text;
  out.classList.toggle('empty', empty);
}
