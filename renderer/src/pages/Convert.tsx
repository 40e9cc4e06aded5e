import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { ConvertForm } from '../components/ConvertForm.js';
import { RateChart } from '../components/RateChart.js';
import { useProviders } from '../stores/providers.js';
import { useSettings } from '../stores/settings.js';

export function Convert() {
  const { t } = useTranslation(['convert', 'nav']);
  const settings = useSettings((s) => s.settings);
  const base = settings.baseCurrency;
  const [pair, setPair] = useState<{ from: string; to: string }>(() => ({ from: base === 'EUR' ? 'USD' : 'EUR', to: base }));

  useEffect(() => {
    // Provider names for the "Source" line.
    if (!useProviders.getState().view) void useProviders.getState().load();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.convert')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <div className="convert-layout">
        <ConvertForm locale={settings.locale} from={pair.from} to={pair.to} onPair={(from, to) => setPair({ from, to })} />
        <RateChart from={pair.from} to={pair.to} locale={settings.locale} />
      </div>
    </>
  );
}
