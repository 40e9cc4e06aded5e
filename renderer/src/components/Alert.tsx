import type { ReactNode } from 'react';

/** An error the user must read. Rendered only when there is one, so role="alert" announces it on insertion. */
export function Alert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="alert" role="alert">
      <svg className="alert-icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
        <circle cx="10" cy="10" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
        <rect x="9" y="5" width="2" height="7" rx="1" fill="currentColor" />
        <circle cx="10" cy="14.5" r="1.2" fill="currentColor" />
      </svg>
      <div>{children}</div>
    </div>
  );
}

/** A polite confirmation ("Saved."). Always in the DOM so screen readers watch it. */
export function Status({ children }: { children: ReactNode }) {
  return (
    <p className={children ? 'status-msg' : 'status-msg empty'} role="status">
      {children}
    </p>
  );
}
