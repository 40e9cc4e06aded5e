import type { ReactNode } from 'react';
import { BrandMark } from './BrandMark.js';

/** The frame of the signed-out screens: a calm brand panel beside the form. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="auth">
      <header className="auth-brand">
        <div className="brand">
          <BrandMark size={32} />
          <span className="brand-name">Bourse</span>
        </div>
        <div className="auth-pitch">
          <p className="auth-headline">Your portfolio, in every currency, on your own machine.</p>
          <ul className="auth-points">
            <li>Cash wallets in any ISO 4217 currency, to the exact minor unit.</li>
            <li>Every change is a ledger entry you can trace.</li>
            <li>Private profiles: each has its own password and its own data file.</li>
          </ul>
        </div>
        <p className="auth-foot">Local-first · Works offline</p>
      </header>
      <main className="auth-main" id="main">
        <div className="auth-card">{children}</div>
      </main>
    </div>
  );
}
