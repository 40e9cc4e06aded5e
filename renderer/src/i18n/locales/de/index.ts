export { common } from './common.js';
export { settings } from './settings.js';
