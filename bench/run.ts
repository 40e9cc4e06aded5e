import { benchDeposits } from './deposits.js';

/** `npm run bench`: runs every benchmark and prints one JSON document (figures only; no pass/fail here). */
const only = process.argv.slice(2);
const results: Record<string, unknown> = {};
const want = (name: string) => only.length === 0 || only.includes(name);

if (want('deposits')) results.deposits = await benchDeposits();

console.log(JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, results }, null, 2));
