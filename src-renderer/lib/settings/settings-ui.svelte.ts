// Whether the settings dialog is open, and saving a change through the API
// (the host persists settings; other windows hear `settings.changed`).
import type { Settings } from '../../../src-main/core/api/contract.js';
import { app } from '../app-state.svelte.js';

class SettingsUi {
  open = $state(false);
  error = $state<string | undefined>(undefined);

  async save(change: Partial<Settings>): Promise<void> {
    const before = app.settings;
    app.settings = { ...app.settings, ...change };
    try {
      if (app.api) app.settings = await app.api.invoke('settings.set', change);
      this.error = undefined;
    } catch (error) {
      app.settings = before;
      this.error = (error as Error).message;
    }
  }
}

export const settingsUi = new SettingsUi();

export const terminalFonts = [
  'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
  '"DejaVu Sans Mono", monospace',
  '"Liberation Mono", monospace',
  '"Courier New", monospace',
];
