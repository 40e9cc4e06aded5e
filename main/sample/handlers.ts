import type { HandlerSlice } from '../handler.js';
import type { SampleService } from './service.js';

export function sampleHandlers(sample: () => Promise<SampleService>): HandlerSlice<'sample:create' | 'sample:delete'> {
  return {
    'sample:create': async () => (await sample()).create(),
    'sample:delete': async () => (await sample()).remove(),
  };
}
