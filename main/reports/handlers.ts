import type { HandlerSlice } from '../handler.js';
import type { ReportService } from './service.js';

type Channels = 'report:realized' | 'report:income';

export function reportHandlers(reports: () => ReportService): HandlerSlice<Channels> {
  return {
    'report:realized': (r) => reports().realized(r),
    'report:income': (r) => reports().income(r),
  };
}
