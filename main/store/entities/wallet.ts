export * from './profile/wallet.js';
