import type { welcome as en } from '../en/welcome.js';
import type { Shape } from '../shape.js';

export const welcome = {
  title: 'Willkommen bei Bourse',
  titleNamed: 'Willkommen bei Bourse, {{name}}',
  intro: 'Zwei kurze Entscheidungen, dann geht es los. Alles bleibt auf diesem Computer.',
  steps: 'Schritte beim ersten Start',
  stepCurrency: 'Basiswährung',
  stepStart: 'Wie beginnen',
  currencyTitle: '1. Ihre Basiswährung',
  currencyText: 'Summen, Portfolio und Verlauf werden in ihr angezeigt. Sie können sie später in den Einstellungen ändern.',
  baseCurrency: 'Basiswährung',
  continue: 'Weiter',
  startTitle: '2. Wie möchten Sie beginnen?',
  starts: {
    import: 'CSV eines Brokers importieren',
    importText: 'Übernehmen Sie den Verlauf, den Ihr Broker exportiert; Bourse prüft jede Zeile, bevor etwas geschrieben wird.',
    record: 'Bestände erfassen',
    recordText: 'Erfassen Sie Ihre Positionen und Ihr Bargeld als Aktivitäten mit echten Daten und Preisen.',
    paper: 'Einzahlen und Papierhandel',
    paperText: 'Zahlen Sie Spielgeld in eine Geldbörse ein und handeln Sie auf dem Papierhandelsplatz zu Live-Kursen.',
  },
  writingSample: 'Beispiel wird geschrieben…',
  openSample: 'Beispielprofil öffnen',
  sampleText: 'Drei Jahre erfundener Einzahlungen, Käufe und Dividenden zum Ausprobieren. Auf jeder Seite als Beispiel markiert; in einem Schritt gelöscht.',
  backToCurrency: 'Zurück zur Basiswährung',
  banner: {
    region: 'Beispielprofil',
    title: 'Beispielprofil.',
    text: 'Jede Einzahlung, jeder Handel und jede Dividende hier ist erfunden, zum Ausprobieren.',
    ask: 'Alle Aktivitäten, Geldbörsen und Aufträge des Beispiels löschen?',
    deleting: 'Wird gelöscht…',
    confirm: 'Beispiel löschen',
    keep: 'Behalten',
    delete: 'Beispiel löschen…',
  },
} satisfies Shape<typeof en>;
