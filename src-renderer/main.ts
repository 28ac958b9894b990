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
    api.on('settings.changed', (settings) => (app.settings = settings));
    api.on('lab.status', (status) => (app.lab = status));
    api.on('lab.progress', (progress) => (app.labProgress = progress));
    // Asked together: each answer is a round trip to the host before the first prompt.
    [app.info, app.settings, app.lab] = await Promise.all([
      api.invoke('app.info', {}),
      api.invoke('settings.get', {}),
      api.invoke('lab.status', {}),
    ]);
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

// The connection opens while the screen mounts.
void start();
mount(App, { target: document.getElementById('app')! });
