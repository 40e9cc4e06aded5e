export * from './errors.js';
export * from './state.js';
export * from './pricing.js';
export * from './pro-rata.js';
export * from './aggregation.js';
export * from './guards.js';
