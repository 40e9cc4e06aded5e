import type { HandlerSlice } from '../handler.js';
import type { HealthService } from './service.js';

export function healthHandlers(health: () => HealthService): HandlerSlice<'health:report'> {
  return { 'health:report': () => health().report() };
}
