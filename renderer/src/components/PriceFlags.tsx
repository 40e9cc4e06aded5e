import { useTranslation } from 'react-i18next';
/**
 * "Stale" and "Simulated" next to any price that is one of them (docs/design.md#feed-protocol: the UI says so wherever
 * it is shown).
 */
export function PriceFlags({ stale, simulated }: { stale: boolean; simulated: boolean }) {
  const { t } = useTranslation('market');
  if (!stale && !simulated) return null;
  return (
    <span className="price-flags">
      {stale && (
        <span className="badge badge-stale" title={t('badges.staleHint')}>
          {t('badges.stale')}
        </span>
      )}
      {simulated && (
        <span className="badge badge-sim" title={t('badges.simulatedHint')}>
          {t('badges.simulated')}
        </span>
      )}
    </span>
  );
}
