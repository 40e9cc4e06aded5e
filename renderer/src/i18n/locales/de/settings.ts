import type { settings as en } from '../en/settings.js';
import type { Shape } from '../shape.js';

export const settings = {
  title: 'Einstellungen',
  intro: 'Einstellungen dieses Profils. Andere Profile auf diesem Computer behalten ihre eigenen.',
  baseCurrency: 'Basiswährung',
  baseCurrencyHint: 'Summen und Bewertungen werden in dieser Währung angezeigt; in Geldformularen steht sie an erster Stelle.',
  language: 'Sprache',
  languageHint:
    'System folgt der Sprache Ihres Computers. Die Sprache gilt für alle Profile auf diesem Computer; das Zahlen- und Datumsformat richtet sich nach ihr.',
  theme: 'Erscheinungsbild',
  themes: {
    system: 'System',
    systemHint: 'Dem Betriebssystem folgen',
    light: 'Hell',
    lightHint: 'Immer hell',
    dark: 'Dunkel',
    darkHint: 'Immer dunkel',
  },
  themeHint: 'Wird sofort angewendet und mit den übrigen Einstellungen gespeichert.',
  locale: 'Zahlen- und Datumsformat',
  localeExample: 'Beispiel: {{number}} · {{date}}',
  idle: 'Sperren nach Minuten ohne Aktivität',
  idleHint: 'Bourse fragt nach so langer Zeit ohne Aktivität nach Ihrem Passwort. 0 sperrt nie.',
  idleError: 'Geben Sie ganze Minuten von 0 bis 1440 ein.',
  costMethod: 'Kostenmethode',
  methods: {
    fifo: 'FIFO',
    fifoHint: 'Ein Verkauf verwendet zuerst die ältesten Stücke',
    average: 'Durchschnittskosten',
    averageHint: 'Jedes Stück kostet den Durchschnitt des Bezahlten',
  },
  costMethodHint:
    'Wie das Portfolio die durchschnittlichen Kosten einer Position und den realisierten Gewinn oder Verlust eines Verkaufs berechnet. FIFO verkauft zuerst die ältesten Stücke; Durchschnittskosten verteilen das Bezahlte auf alle Stücke.',
  submit: 'Einstellungen speichern',
  saved: 'Einstellungen gespeichert.',
} satisfies Shape<typeof en>;
