import type * as en from './locales/en/index.js';

// Typed keys: `t('settings:title')` compiles only if English has that key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
  }
}
