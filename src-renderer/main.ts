// Renderer entry: connect to the app (preload bridge or WebSocket), load what
// the host knows, honour `?backend=` from the URL, then mount the screen.
import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api/client.js';
import { app, readUrlOptions } from './lib/app-state.svelte.js';
import './lib/theme/theme.css';

async function start(): Promise<void> {
  app.url = readUrlOptions(window.location.search);
  app.mode = app.url.mode ?? 'course';
  try {
    const api = await connectApi(() => (app.connection = 'closed'));
    app.info = await api.invoke('app.info', {});
    app.settings = await api.invoke('settings.get', {});
    api.on('settings.changed', (settings) => (app.settings = settings));
    api.on('lab.status', (status) => (app.lab = status));
    api.on('lab.progress', (progress) => (app.labProgress = progress));
    app.lab = await api.invoke('lab.status', {});
    if (app.url.backend && app.url.backend !== app.lab.backend) {
      app.lab = await api.invoke('lab.switchBackend', { backend: app.url.backend });
    }
    app.api = api;
    app.connection = 'open';
  } catch (error) {
    app.connection = 'failed';
    app.connectionError = (error as Error).message;
  }
}

mount(App, { target: document.getElementById('app')! });
void start();
