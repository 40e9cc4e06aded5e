import type { Settings } from '../../../shared/contract/index.js';

/**
 * Shown only until the profile's own settings arrive. The same values as the contract's DEFAULT_SETTINGS (a unit test
 * checks it), kept here because importing that module would pull zod and every schema into the renderer bundle.
 */
export const PLACEHOLDER: Settings = {
  baseCurrency: 'USD',
  theme: 'system',
  language: 'system',
  locale: 'en-US',
  idleLockMinutes: 15,
  costMethod: 'fifo',
  trading: {
    aggregationThresholdUsd: '10',
    aggregationWindowSeconds: 60,
    spreadBps: '10',
    feeRate: '0.001',
    feeMinimum: '0',
    maxOrderValueUsd: '100000',
    ordersPerMinute: 30,
    maxDeviation: '0.1',
  },
  privacyMode: false,
  lastPage: '',
  welcomed: false,
  sample: false,
};
