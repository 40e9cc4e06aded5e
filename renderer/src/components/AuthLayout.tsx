import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { BrandMark } from './BrandMark.js';

/** The frame of the signed-out screens: a calm brand panel beside the form. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('auth');
  return (
    <div className="auth">
      <header className="auth-brand">
        <div className="brand">
          <BrandMark size={32} />
          <span className="brand-name">Bourse</span>
        </div>
        <div className="auth-pitch">
          <p className="auth-headline">{t('headline')}</p>
          <ul className="auth-points">
            <li>{t('points.wallets')}</li>
            <li>{t('points.ledger')}</li>
            <li>{t('points.private')}</li>
          </ul>
        </div>
        <p className="auth-foot">{t('foot')}</p>
      </header>
      <main className="auth-main" id="main">
        <div className="auth-card">{children}</div>
      </main>
    </div>
  );
}
