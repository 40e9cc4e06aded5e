// Node 20 workers ignore `--import tsx` in execArgv, so the TypeScript worker is loaded through tsx's API from here.
import { register } from 'tsx/esm/api';

register();
await import('./ingest-worker.ts');
