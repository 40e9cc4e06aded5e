import { Trans, useTranslation } from 'react-i18next';
import { memo, type ReactNode } from 'react';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { HealthLink, HealthLinks } from './HealthLink.js';

/**
 * What the figures could not price properly, so nobody reads them as more exact than they are. Each instrument or
 * currency named links to its row on the data health page, which says why.
 */
export const PortfolioWarnings = memo(function PortfolioWarnings({ warnings, base }: { warnings: PortfolioSnapshot['warnings']; base: string }) {
  const { t } = useTranslation('portfolio');
  const items: { key: string; text: ReactNode }[] = [];
  const pair = (c: string) => `${c}-${base}`;
  const own = (p: string) => p.split('-')[0]!;
  if (warnings.missingPrices.length > 0) {
    items.push({
      key: 'missingPrices',
      text: (
        <Trans t={t} i18nKey="warnings.missingPrices" components={{ 1: <HealthLinks targets={warnings.missingPrices} /> }} />
      ),
    });
  }
  if (warnings.pricedAtTrade.length > 0) {
    items.push({
      key: 'pricedAtTrade',
      text: (
        <Trans t={t} i18nKey="warnings.pricedAtTrade" components={{ 1: <HealthLinks targets={warnings.pricedAtTrade} /> }} />
      ),
    });
  }
  if (warnings.missingFx.length > 0) {
    items.push({
      key: 'missingFx',
      text: (
        <Trans t={t} i18nKey="warnings.missingFx" components={{ 1: <HealthLinks targets={warnings.missingFx.map(pair)} label={own} /> }} />
      ),
    });
  }
  for (const s of warnings.staleFx) {
    items.push({
      key: `staleFx-${s.currency}`,
      text: (
        <Trans t={t} i18nKey="warnings.staleFx" values={{ currency: s.currency, date: s.date }} components={{ 1: <HealthLink target={pair(s.currency)} /> }} />
      ),
    });
  }
  if (warnings.cashMismatch.length > 0) {
    items.push({
      key: 'cashMismatch',
      text: t('warnings.cashMismatch', { currencies: warnings.cashMismatch.join(', ') }),
    });
  }
  if (items.length === 0) return null;
  return (
    <section className="notice portfolio-warnings" aria-label={t('warnings.region')}>
      <ul>
        {items.map((item) => (
          <li key={item.key}>{item.text}</li>
        ))}
      </ul>
    </section>
  );
});
