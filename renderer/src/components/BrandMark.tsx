/** The Bourse mark: a rising bar chart in a rounded square. Decorative; the wordmark next to it carries the name. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <rect x="8" y="17" width="4" height="7" rx="1" fill="var(--brand-ink)" />
      <rect x="14" y="12" width="4" height="12" rx="1" fill="var(--brand-ink)" />
      <rect x="20" y="8" width="4" height="16" rx="1" fill="var(--brand-ink)" />
    </svg>
  );
}
