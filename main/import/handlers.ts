import type { ActivityService } from '../activities/service.js';
import type { HandlerSlice } from '../handler.js';
import type { ImportService } from './service.js';

type Channels = 'import:inspect' | 'import:preview' | 'import:run' | 'import:cancel' | 'import:presets' | 'import:savePreset' | 'import:deletePreset';

/** `imported` runs after an import wrote rows, before its answer (new currencies and instruments may be in use). */
export function importHandlers(imports: () => ImportService, activities: () => Promise<ActivityService>, imported: () => Promise<void>): HandlerSlice<Channels> {
  return {
    'import:inspect': (r) => imports().inspect(r.fileId, r.encoding),
    'import:preview': async (r) => imports().preview(r.fileId, r.mapping, await activities(), r.accountId),
    'import:run': async (r) => {
      const result = await imports().run(r.fileId, r.mapping, await activities(), r.idempotencyKey, r.accountId);
      if (result.imported > 0) await imported();
      return result;
    },
    'import:cancel': (r) => ({ cancelled: imports().cancel(r.fileId) }),
    'import:presets': () => imports().presets(),
    'import:savePreset': (r) => imports().savePreset(r.name, r.mapping),
    'import:deletePreset': async (r) => ({ deleted: await imports().deletePreset(r.name) }),
  };
}
