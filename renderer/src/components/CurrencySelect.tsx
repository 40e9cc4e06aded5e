import { useTranslation } from 'react-i18next';
import type { CurrencyInfo } from '../stores/currencies.js';
import { COMMON, useCurrencies } from '../stores/currencies.js';

interface Props {
  id: string;
  value: string;
  onChange(code: string): void;
  /** Codes to leave out (e.g. wallets that already exist). */
  exclude?: ReadonlySet<string>;
  disabled?: boolean;
  describedBy?: string;
}

const commonCodes = new Set(COMMON.map((c) => c.code));

function option(c: CurrencyInfo) {
  return (
    <option key={c.code} value={c.code}>
      {c.code} — {c.name}
    </option>
  );
}

/** USD, EUR, GBP, CHF, JPY first, then the whole ISO 4217 catalogue from `currency:list`. */
export function CurrencySelect({ id, value, onChange, exclude, disabled, describedBy }: Props) {
  const { t } = useTranslation('settings');
  const all = useCurrencies((s) => s.all);
  const keep = (c: CurrencyInfo) => !exclude?.has(c.code);
  const common = COMMON.map((c) => all.find((x) => x.code === c.code) ?? c).filter(keep);
  const rest = all.filter((c) => !commonCodes.has(c.code)).filter(keep);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} aria-describedby={describedBy}>
      {common.length > 0 && <optgroup label={t('currencies.common')}>{common.map(option)}</optgroup>}
      {rest.length > 0 && <optgroup label={t('currencies.all')}>{rest.map(option)}</optgroup>}
    </select>
  );
}
