import { useTranslation } from 'react-i18next';
import type { PriceView } from '../../../shared/contract/index.js';
import { ageText } from '../format/age.js';
import { formatPrice } from '../format/rates.js';

/** The watchlist: one row per symbol, its last price and age; stale rows are dimmed and say so, simulated ones too. */
export function PriceTable({ prices, locale, now }: { prices: PriceView[]; locale: string; now: number }) {
  const { t } = useTranslation('market');
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="grid prices">
        <caption className="visually-hidden">{t('prices.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('prices.symbol')}</th>
            <th scope="col" className="num">
              {t('prices.price')}
            </th>
            <th scope="col">{t('prices.currency')}</th>
            <th scope="col">{t('prices.age')}</th>
            <th scope="col">{t('prices.source')}</th>
            <th scope="col">{t('prices.status')}</th>
          </tr>
        </thead>
        <tbody>
          {prices.map((p) => (
            <tr key={p.symbol} className={p.stale ? 'is-stale' : undefined}>
              <th scope="row" className="symbol">
                {p.symbol} <span className="asset-class">{t(`classes.${p.assetClass}`)}</span>
              </th>
              <td className="num price">{p.price === null ? <span className="muted">—</span> : formatPrice(p.price, locale)}</td>
              <td>{p.currency}</td>
              <td className="age">
                {p.ts === null ? (
                  <span className="muted">{t('prices.noPrice')}</span>
                ) : (
                  <time dateTime={new Date(p.ts).toISOString()}>{ageText(p.ts, now)}</time>
                )}
              </td>
              <td>{p.source ?? <span className="muted">—</span>}</td>
              <td className="flags">
                {p.stale ? <span className="badge badge-stale">{t('badges.stale')}</span> : p.price !== null && <span className="badge badge-live">{t('badges.live')}</span>}
                {p.simulated && (
                  <span className="badge badge-sim" title={t('badges.simulatedHint')}>
                    {t('badges.simulated')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
