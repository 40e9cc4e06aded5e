import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import type { Settings } from '../../shared/contract/index.js';
import { ok } from '../support/app.js';
import { testComposeOptions } from '../support/options.js';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('settings: the interface language', () => {
  let dir: string;
  let app: App;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-language-'));
    app = await compose(testComposeOptions(dir));
    await ok(app.dispatch('profile:create', { username: 'ada', password: 'ada-password-1' }));
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the system until chosen; the choice is the installation’s, kept in settings.json across a restart', async () => {
    expect((await ok<Settings>(app.dispatch('settings:get', {}))).language).toBe('system');
    const saved = await ok<Settings>(app.dispatch('settings:update', { language: 'de', theme: 'dark' }));
    expect(saved).toMatchObject({ language: 'de', theme: 'dark' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ language: 'de' });

    // Another profile on the same computer sees the same language but keeps its own theme.
    await ok(app.dispatch('profile:logout', {}));
    await ok(app.dispatch('profile:create', { username: 'grace', password: 'grace-password-1' }));
    expect(await ok<Settings>(app.dispatch('settings:get', {}))).toMatchObject({ language: 'de', theme: 'system' });

    await app.close();
    app = await compose(testComposeOptions(dir));
    await ok(app.dispatch('profile:login', { username: 'ada', password: 'ada-password-1' }));
    expect(await ok<Settings>(app.dispatch('settings:get', {}))).toMatchObject({ language: 'de', theme: 'dark' });
    expect((await ok<Settings>(app.dispatch('settings:update', { language: 'system' }))).language).toBe('system');
  });

  it('refuses a language Bourse is not translated into and changes nothing', async () => {
    await ok(app.dispatch('settings:update', { language: 'en' }));
    expect(code(await app.dispatch('settings:update', { language: 'fr', idleLockMinutes: 3 }))).toBe('INVALID_INPUT');
    expect(await ok<Settings>(app.dispatch('settings:get', {}))).toMatchObject({ language: 'en', idleLockMinutes: 15 });
  });
});
