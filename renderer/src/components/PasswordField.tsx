import type { Ref } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  autoComplete: 'current-password' | 'new-password';
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  hint?: string;
}

export function PasswordField({ id, label, value, onChange, autoComplete, describedBy, invalid, autoFocus, inputRef, hint }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        aria-describedby={hint ? `${id}-hint` : describedBy}
        aria-invalid={invalid || undefined}
        autoFocus={autoFocus}
        maxLength={256}
        required
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
