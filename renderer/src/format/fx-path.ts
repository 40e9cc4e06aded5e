/**
 * How a rate was reached, from the `path` main returns: ["EUR-USD"] is a stored pair, ["USD-EUR⁻¹"] its inverse,
 * ["GBP-USD", "USD-JPY"] a cross through USD.
 */
export interface PathInfo {
  /** The pivot currency of a cross rate ("USD"), or null for a direct or inverted pair. */
  via: string | null;
  /** True when a stored pair was used the other way round (1 / rate). */
  inverted: boolean;
  /** A short sentence for the result: "direct EUR→USD rate", "via USD", "inverse of the stored USD→EUR rate". */
  text: string;
}

import { t } from '../i18n/index.js';

const INVERSE_MARK = '⁻¹';

function legCurrencies(label: string): [string, string] | null {
  const m = /^([A-Z]{3})-([A-Z]{3})/.exec(label);
  return m ? [m[1]!, m[2]!] : null;
}

export function describePath(from: string, to: string, path: readonly string[]): PathInfo {
  const inverted = path.some((p) => p.endsWith(INVERSE_MARK));
  if (path.length === 0) return { via: null, inverted: false, text: from === to ? t('convert:paths.same') : t('convert:paths.none') };
  if (path.length === 1) {
    const legs = legCurrencies(path[0]!);
    if (inverted && legs) return { via: null, inverted, text: t('convert:paths.inverse', { from: legs[0], to: legs[1] }) };
    return { via: null, inverted, text: t('convert:paths.direct', { from, to }) };
  }
  const first = legCurrencies(path[0]!);
  const via = first ? (first[0] === from ? first[1] : first[0]) : null;
  return { via, inverted, text: via ? t('convert:paths.via', { via }) : t('convert:paths.through', { path: path.join(', ') }) };
}
