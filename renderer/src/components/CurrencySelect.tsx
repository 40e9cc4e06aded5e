import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/index.js';
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

/** The catalogue's names are English; in another language the system's name of an ISO currency is shown. */
const names = new Map<string, Intl.DisplayNames>();
function displayName(c: CurrencyInfo): string {
  const lang = currentLanguage();
  if (lang === 'en') return c.name;
  let dn = names.get(lang);
  if (!dn) names.set(lang, (dn = new Intl.DisplayNames([lang], { type: 'currency', fallback: 'none' })));
  try {
    return dn.of(c.code) ?? c.name;
  } catch {
    return c.name;
  }
}

function option(c: CurrencyInfo) {
  return (
    <option key={c.code} value={c.code}>
      {c.code} — {displayName(c)}
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
