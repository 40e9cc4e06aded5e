export * from './profile/ledger-entry.js';
