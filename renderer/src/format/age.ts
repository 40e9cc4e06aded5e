import { t } from '../i18n/index.js';

/** How old a price is, for the watchlist: "3 s ago", "4 min ago", "2 h ago", "5 d ago"; "just now" under a second. */
export function ageText(ts: number | null, now: number): string {
  if (ts === null) return t('portfolio:age.never');
  const ms = now - ts;
  if (ms < 1000) return t('portfolio:age.now');
  const s = Math.floor(ms / 1000);
  if (s < 60) return t('portfolio:age.s', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('portfolio:age.min', { n: m });
  const h = Math.floor(m / 60);
  if (h < 48) return t('portfolio:age.h', { n: h });
  return t('portfolio:age.d', { n: Math.floor(h / 24) });
}
