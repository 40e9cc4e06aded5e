import type { ReactNode } from 'react';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { HealthLink, HealthLinks } from './HealthLink.js';

/**
 * What the figures could not price properly, so nobody reads them as more exact than they are. Each instrument or
 * currency named links to its row on the data health page, which says why.
 */
export function PortfolioWarnings({ warnings, base }: { warnings: PortfolioSnapshot['warnings']; base: string }) {
  const items: { key: string; text: ReactNode }[] = [];
  const pair = (c: string) => `${c}-${base}`;
  const own = (p: string) => p.split('-')[0]!;
  if (warnings.missingPrices.length > 0) {
    items.push({
      key: 'missingPrices',
      text: (
        <>
          No live price and no stored close for <HealthLinks targets={warnings.missingPrices} />: valued at the price of the latest trade.
        </>
      ),
    });
  }
  if (warnings.pricedAtTrade.length > 0) {
    items.push({
      key: 'pricedAtTrade',
      text: (
        <>
          No stored daily closes yet for <HealthLinks targets={warnings.pricedAtTrade} />: past days of the value chart use the trade price instead.
        </>
      ),
    });
  }
  if (warnings.missingFx.length > 0) {
    items.push({
      key: 'missingFx',
      text: (
        <>
          No stored FX rate for <HealthLinks targets={warnings.missingFx.map(pair)} label={own} /> on some days: those days leave it out of the value chart.
        </>
      ),
    });
  }
  for (const s of warnings.staleFx) {
    items.push({
      key: `staleFx-${s.currency}`,
      text: (
        <>
          No current <HealthLink target={pair(s.currency)}>{s.currency}</HealthLink> rate: {s.currency} is valued at the last stored rate, published {s.date}.
        </>
      ),
    });
  }
  if (warnings.cashMismatch.length > 0) {
    items.push({
      key: 'cashMismatch',
      text: `The ${warnings.cashMismatch.join(', ')} wallet balance differs from what the activity log adds up to: a bookkeeping fault, please report it.`,
    });
  }
  if (items.length === 0) return null;
  return (
    <section className="notice portfolio-warnings" aria-label="Warnings">
      <ul>
        {items.map((t) => (
          <li key={t.key}>{t.text}</li>
        ))}
      </ul>
    </section>
  );
}
