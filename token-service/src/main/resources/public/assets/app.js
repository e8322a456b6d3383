import { api, signOut } from './api.js';
import { initTokens } from './tokens.js';
import { refreshAudit } from './audit.js';
import { startMonitoring } from './monitoring.js';
import { startCharts } from './charts.js';

const me = await (await api('GET', '/api/v1/me')).json();
document.getElementById('user-name').textContent = me.name;
document.getElementById('user-roles').textContent = `(${me.roles.join(', ') || 'no role'})`;
document.getElementById('sign-out').addEventListener('click', signOut);
initTokens(me.roles.includes('super-admin'));
startMonitoring();
startCharts();
refreshAudit();
// the tests wait for this: every control is wired from here on
document.body.dataset.ready = 'true';
