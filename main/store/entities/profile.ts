export * from './app/profile.js';
