import { useTranslation } from 'react-i18next';
import type { Conversion } from '../../../shared/contract/index.js';
import { describePath } from '../format/fx-path.js';
import { formatMoney } from '../format/money.js';
import { formatDay, formatRate } from '../format/rates.js';
import { minorUnitOf } from '../stores/currencies.js';
import { sourceName, useProviders } from '../stores/providers.js';

/** The converted amount with everything behind it: rate, when it was published, by whom, and how it was reached. */
export function ConversionResult({ result, locale }: { result: Conversion; locale: string }) {
  const { t } = useTranslation('convert');
  const providers = useProviders((s) => s.view);
  const path = describePath(result.from, result.to, result.path);
  return (
    <section className="conversion" aria-label={t('result')} aria-live="polite">
      <p className="conversion-amounts">
        <span className="conversion-from">{formatMoney(result.amount, result.from, minorUnitOf(result.from), locale)} =</span>{' '}
        <strong className="conversion-to">{formatMoney(result.result, result.to, minorUnitOf(result.to), locale)}</strong>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('rate')}</dt>
          <dd>
            1 {result.from} = {formatRate(result.rate, locale)} {result.to}
          </dd>
        </div>
        <div>
          <dt>{t('published')}</dt>
          <dd>
            <time dateTime={result.publishedDate}>{formatDay(result.publishedDate, locale)}</time>
            {result.filled && (
              <span className="filled-note">
                {t('carried', { published: formatDay(result.publishedDate, locale), date: formatDay(result.date, locale) })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('source')}</dt>
          <dd>{sourceName(result.source, providers)}</dd>
        </div>
        <div>
          <dt>{t('path')}</dt>
          <dd>{path.text}</dd>
        </div>
      </dl>
    </section>
  );
}
