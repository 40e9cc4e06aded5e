import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Bourse';

/**
 * The per-user data folder. It mirrors Electron's `app.getPath('userData')` for productName "Bourse" without importing
 * electron, so the desktop app and the browser host open the same profiles by default. BOURSE_DATA_DIR wins for both.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env.BOURSE_DATA_DIR?.trim();
  if (override) return override;
  return join(appDataDir(env, platform, home), PRODUCT_NAME);
}

/** Electron's `appData`: the parent of every app's userData folder on this platform. */
function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  switch (platform) {
    case 'win32':
      return env.APPDATA || join(home, 'AppData', 'Roaming');
    case 'darwin':
      return join(home, 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME || join(home, '.config');
  }
}
