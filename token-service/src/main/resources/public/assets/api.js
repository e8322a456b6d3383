// Every call of the page goes through here: same-origin, never cached, and every
// state-changing call echoes the CSRF cookie in X-CSRF-Token (the server refuses it otherwise).

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? match[1] : '';
}

export async function api(method, path, body) {
  const headers = {};
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrfToken();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.assign('/login');
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch (ignored) {
      // not a problem document (e.g. a proxy's error page): the status says enough
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function signOut() {
  await fetch('/logout', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'X-CSRF-Token': csrfToken(), 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  location.assign('/login');
}

/** 2026-11-25T21:00:00.123Z → 2026-11-25 21:00:00 */
export function utc(instant) {
  return instant ? instant.replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '';
}

/** A <td>/<span> etc. with text content only: nothing from the server is ever parsed as HTML. */
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}
