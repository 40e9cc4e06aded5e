/**
 * Stroke icons for the sidebar (24×24, currentColor, shapes after the Lucide set's conventions). Decorative: every
 * use sits beside a text label that names it, so each is aria-hidden.
 */
const PATHS = {
  overview: 'M3 3v18h18 M7 15l4-4 3 3 5-6',
  wallet: 'M3 7h15a3 3 0 0 1 3 3v7a3 3 0 0 1-3 3H6a3 3 0 0 1-3-3V7z M3 7l12-3v3 M16 13.5h2',
  convert: 'M4 8h13l-3-3 M20 16H7l3 3',
  trade: 'M7 20V8 M4 11l3-3 3 3 M17 4v12 M14 13l3 3 3-3',
  orders: 'M8 6h12 M8 12h12 M8 18h12 M4 6h.01 M4 12h.01 M4 18h.01',
  activity: 'M12 5v14 M5 12h14',
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8 M3 3v5h5 M12 7v5l3 2',
  markets: 'M4 19V5 M4 19h16 M8 16v-5 M12 16V8 M16 16v-7',
  catalogue: 'M4 5h6v14H4z M14 5h6v6h-6z M14 15h6v4h-6z',
  sources: 'M12 3c4.4 0 8 1.3 8 3s-3.6 3-8 3-8-1.3-8-3 3.6-3 8-3z M4 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6 M4 12v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6',
  sync: 'M20 12a8 8 0 0 1-14 5.3L4 15 M4 12a8 8 0 0 1 14-5.3L20 9 M4 20v-5h5 M20 4v5h-5',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M12 2v3 M12 19v3 M4.9 4.9L7 7 M17 17l2.1 2.1 M2 12h3 M19 12h3 M4.9 19.1L7 17 M17 7l2.1-2.1',
  alerts: 'M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9 M10.3 21a1.9 1.9 0 0 0 3.4 0',
  health: 'M22 12h-4l-3 9L9 3l-3 9H2',
  accounts: 'M3 10l9-6 9 6 M5 10v8 M9.5 10v8 M14.5 10v8 M19 10v8 M3 20h18',
  reports: 'M7 3h7l5 5v13H7z M14 3v5h5 M10 13h6 M10 17h6',
  welcome: 'M12 3l2.6 5.6 6.1.7-4.5 4.2 1.2 6L12 16.6 6.6 19.5l1.2-6-4.5-4.2 6.1-.7z',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z M21 21l-4.3-4.3',
  eye: 'M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  eyeOff: 'M3 3l18 18 M10.6 5.1A10 10 0 0 1 12 5c6.4 0 10 7 10 7a17 17 0 0 1-3.2 4.1 M6.6 6.6A17 17 0 0 0 2 12s3.6 7 10 7a9.7 9.7 0 0 0 5.4-1.6 M9.9 9.9a3 3 0 0 0 4.2 4.2',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
