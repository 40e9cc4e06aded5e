import type { PortfolioSnapshot } from '../../../shared/contract/index.js';

/** What the figures could not price properly, so nobody reads them as more exact than they are. */
export function PortfolioWarnings({ warnings }: { warnings: PortfolioSnapshot['warnings'] }) {
  const items: string[] = [];
  if (warnings.missingPrices.length > 0) {
    items.push(`No live price and no stored close for ${warnings.missingPrices.join(', ')}: valued at the price of the latest trade.`);
  }
  if (warnings.pricedAtTrade.length > 0) {
    items.push(`No stored daily closes yet for ${warnings.pricedAtTrade.join(', ')}: past days of the value chart use the trade price instead.`);
  }
  if (warnings.missingFx.length > 0) {
    items.push(`No stored FX rate for ${warnings.missingFx.join(', ')} on some days: those days leave it out of the value chart.`);
  }
  for (const s of warnings.staleFx) {
    items.push(`No current ${s.currency} rate: ${s.currency} is valued at the last stored rate, published ${s.date}.`);
  }
  if (warnings.cashMismatch.length > 0) {
    items.push(
      `The ${warnings.cashMismatch.join(', ')} wallet balance differs from what the activity log adds up to: a bookkeeping fault, please report it.`,
    );
  }
  if (items.length === 0) return null;
  return (
    <section className="notice portfolio-warnings" aria-label="Warnings">
      <ul>
        {items.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </section>
  );
}
