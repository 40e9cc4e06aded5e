/** How old a price is, for the watchlist: "3 s ago", "4 min ago", "2 h ago", "5 d ago"; "just now" under a second. */
export function ageText(ts: number | null, now: number): string {
  if (ts === null) return 'never';
  const ms = now - ts;
  if (ms < 1000) return 'just now';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
