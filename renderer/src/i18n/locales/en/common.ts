/** Words and messages used across pages. */
export const common = {
  appName: 'Bourse',
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  delete: 'Delete',
  retry: 'Try again',
  loading: 'Loading…',
  dash: '—',
  language: {
    system: 'System',
    en: 'English',
    de: 'Deutsch',
  },
};
