/**
 * Provider symbols as the catalogue form edits them: one `provider=symbol` line each ("yahoo=VOD.L"). Same rules as
 * the contract: provider ids are lower-case letters and dashes, symbols 1–64 characters, at most 20 lines.
 */
import { t } from '../i18n/index.js';

export type ProviderSymbolsCheck = { ok: true; value: Record<string, string> } | { ok: false; message: string };

const PROVIDER_ID = /^[a-z-]{2,32}$/;

export function parseProviderSymbols(text: string): ProviderSymbolsCheck {
  const value: Record<string, string> = {};
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const eq = line.indexOf('=');
    if (eq < 0) return { ok: false, message: t('market:instrument.psLine', { line: i + 1 }) };
    const key = line.slice(0, eq).trim();
    const symbol = line.slice(eq + 1).trim();
    if (!PROVIDER_ID.test(key)) return { ok: false, message: t('market:instrument.psId', { line: i + 1, key }) };
    if (symbol === '' || symbol.length > 64) return { ok: false, message: t('market:instrument.psLength', { line: i + 1, key }) };
    if (key in value) return { ok: false, message: t('market:instrument.psTwice', { line: i + 1, key }) };
    value[key] = symbol;
  }
  if (Object.keys(value).length > 20) return { ok: false, message: t('market:instrument.psMax') };
  return { ok: true, value };
}

export function formatProviderSymbols(symbols: Record<string, string>): string {
  return Object.entries(symbols)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
