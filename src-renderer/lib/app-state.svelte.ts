// State the whole screen shares: the API, what the host said about itself,
// the lab's status and the settings. Components read it; only the frame and
// the settings view write it.
import {
  defaultSettings,
  type AppApi,
  type AppInfo,
  type BackendKind,
  type LabProgress,
  type LabStatus,
  type Settings,
} from '../../src-main/core/api/contract.js';

/** What the page URL asks for: `?backend=sim|docker`, `?chapter=<id>`, `?mode=practice&scenario=<id>` and `?renderer=dom` (no WebGL, as benchmarks compare). */
export interface UrlOptions {
  backend?: BackendKind;
  chapter?: string;
  mode?: 'course' | 'practice';
  scenario?: string;
  renderer?: 'dom';
}

export function readUrlOptions(search: string): UrlOptions {
  const params = new URLSearchParams(search);
  const backend = params.get('backend');
  const chapter = params.get('chapter');
  const scenario = params.get('scenario');
  return {
    backend: backend === 'sim' || backend === 'docker' ? backend : undefined,
    chapter: chapter && /^[\w.-]{1,200}$/.test(chapter) ? chapter : undefined,
    mode: params.get('mode') === 'practice' ? 'practice' : undefined,
    scenario: scenario && /^[\w.-]{1,200}$/.test(scenario) ? scenario : undefined,
    renderer: params.get('renderer') === 'dom' ? 'dom' : undefined,
  };
}

class AppState {
  api = $state<AppApi | undefined>(undefined);
  info = $state<AppInfo | undefined>(undefined);
  lab = $state<LabStatus | undefined>(undefined);
  /** The last progress report while the lab starts. */
  labProgress = $state<LabProgress | undefined>(undefined);
  settings = $state<Settings>({ ...defaultSettings });
  connection = $state<'connecting' | 'open' | 'closed' | 'failed'>('connecting');
  connectionError = $state<string | undefined>(undefined);
  url = $state<UrlOptions>({});
  /** The course (lessons) or practice mode (a lab of the learner's choosing). */
  mode = $state<'course' | 'practice'>('course');
}

export const app = new AppState();
