import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The packaged binary's Electron fuses (docs/design.md#security), read through electron-builder's own loader and
 * schema check, so a misspelt key or a fuse left out fails here rather than silently shipping a default.
 */
describe('packaging: Electron fuses', () => {
  it('electron-builder.yml turns every hardening fuse the design names on, and validates', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await validateConfiguration(config, { add: () => undefined, isEnabled: false } as never);
    const fuses = config.electronFuses;
    expect(fuses, 'electronFuses is missing').toBeTruthy();
    expect(fuses?.runAsNode).toBe(false);
    expect(fuses?.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses?.enableNodeCliInspectArguments).toBe(false);
    expect(fuses?.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(fuses?.onlyLoadAppFromAsar).toBe(true);
    expect(fuses?.enableCookieEncryption).toBe(true);
    expect(fuses?.grantFileProtocolExtraPrivileges).toBe(false);
    // Asar integrity needs the app inside an asar archive.
    expect(config.asar).toBe(true);
  });
});
