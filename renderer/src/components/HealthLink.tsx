import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { useHealth } from '../stores/health.js';

/** A warning's link to its row on the data health page (`AAPL`, `EUR-USD`): why the number is missing. */
export function HealthLink({ target, children }: { target: string; children?: ReactNode }) {
  const { t } = useTranslation('portfolio');
  return (
    <button type="button" className="linklike" title={t('healthOf', { target })} onClick={() => useHealth.getState().open(target)}>
      {children ?? target}
    </button>
  );
}

/** Several names, each a link, comma-separated. */
export function HealthLinks({ targets, label = (t: string) => t }: { targets: readonly string[]; label?: (t: string) => string }) {
  return (
    <>
      {targets.map((t, i) => (
        <span key={t}>
          {i > 0 && ', '}
          <HealthLink target={t}>{label(t)}</HealthLink>
        </span>
      ))}
    </>
  );
}
