export { common } from './common.js';
export { settings } from './settings.js';
export { accounts } from './accounts.js';
export { reports } from './reports.js';
