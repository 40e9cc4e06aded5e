/** The Settings page. */
export const settings = {
  title: 'Settings',
  intro: 'Preferences of this profile. Other profiles on this computer keep their own.',
  baseCurrency: 'Base currency',
  baseCurrencyHint: 'Totals and valuations are shown in this currency, and it is the first choice in money forms.',
  language: 'Language',
  languageHint:
    'System follows the language of your computer. The language is the same for every profile on this computer; the number and date format follows it.',
  theme: 'Theme',
  themes: {
    system: 'System',
    systemHint: 'Follow the operating system',
    light: 'Light',
    lightHint: 'Always light',
    dark: 'Dark',
    darkHint: 'Always dark',
  },
  themeHint: 'Applied right away; saved with the other settings.',
  locale: 'Number and date format',
  localeExample: 'Example: {{number}} · {{date}}',
  idle: 'Lock after idle minutes',
  idleHint: 'Bourse asks for your password after this long without activity. 0 never locks.',
  idleError: 'Enter whole minutes from 0 to 1440.',
  costMethod: 'Cost method',
  methods: {
    fifo: 'FIFO',
    fifoHint: 'A sell uses the oldest units first',
    average: 'Average cost',
    averageHint: 'Every unit costs the average of what was paid',
  },
  costMethodHint:
    'How the portfolio computes the average cost of a holding and the realized P&L of a sell. FIFO sells the oldest units first; average cost spreads what was paid over every unit.',
  submit: 'Save settings',
  saved: 'Settings saved.',
};
