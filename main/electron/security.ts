import { app, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternal } from './external.js';

/** Bourse needs no camera, notifications, geolocation, clipboard-read or anything else a page can ask for. */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function openIfAllowed(url: string): void {
  if (isAllowedExternal(url)) void shell.openExternal(url);
}

/**
 * The window only ever shows our own app shell; the renderer routes with the History API, which does not navigate.
 * So every navigation, new window and webview is refused, and only allowlisted https links go to the OS browser.
 */
export function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      openIfAllowed(url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openIfAllowed(url);
      return { action: 'deny' };
    });
  });
}
