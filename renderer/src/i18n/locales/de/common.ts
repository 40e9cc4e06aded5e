import type { common as en } from '../en/common.js';
import type { Shape } from '../shape.js';

export const common = {
  appName: 'Bourse',
  save: 'Speichern',
  cancel: 'Abbrechen',
  close: 'Schließen',
  delete: 'Löschen',
  retry: 'Erneut versuchen',
  loading: 'Wird geladen…',
  dash: '—',
  language: {
    system: 'System',
    en: 'English',
    de: 'Deutsch',
  },
} satisfies Shape<typeof en>;
