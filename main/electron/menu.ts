import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  isPackaged: boolean;
  dataDir: string;
  lock(): void;
}

/** The native menu: standard roles plus Lock (the idle lock, on demand) and a way to find the data folder. */
export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Lock Bourse', accelerator: 'CmdOrCtrl+L', click: () => actions.lock() },
        { label: 'Show Data Folder', click: () => void shell.openPath(actions.dataDir) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        // Packaged builds ship without DevTools (webPreferences.devTools is off too); the menu does not offer them.
        ...(actions.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about', label: 'About Bourse' }] },
  ];
  return Menu.buildFromTemplate(template);
}
