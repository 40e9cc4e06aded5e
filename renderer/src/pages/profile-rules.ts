import { t } from '../i18n/index.js';

/** Client-side checks of a new profile, mirroring the contract's Username and Password schemas (the server re-checks). */
const USERNAME = /^[\p{L}\p{N}._@ -]+$/u;

export function checkNewProfile(username: string, password: string, confirm: string): string | null {
  if (!username) return t('auth:rules.choose');
  if (username.trim() !== username) return t('auth:rules.spaces');
  if (username.length > 64) return t('auth:rules.long');
  if (!USERNAME.test(username)) return t('auth:rules.chars');
  if (password.length < 8) return t('auth:rules.short');
  if (password.length > 256) return t('auth:rules.tooLong');
  if (password !== confirm) return t('auth:rules.mismatch');
  return null;
}
