import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../paths.js';

export const USAGE = `Usage: npm run web -- [--port <n|0>] [--data-dir <dir>]

  --port <n>       port on 127.0.0.1 (0, the default, picks a free one)
  --data-dir <dir> data folder (default: BOURSE_DATA_DIR or the desktop app's per-user folder)`;

export interface CliOptions {
  port: number;
  dataDir: string;
  help: boolean;
}

/** Throws with a readable message on unknown flags or a bad port. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const rawPort = values.port ?? '0';
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, not ${JSON.stringify(values.port)}`);
  }
  return {
    port: Number(rawPort),
    dataDir: resolve(values['data-dir'] ?? defaultDataDir(env)),
    help: values.help ?? false,
  };
}
