// The packet-path model (core/base/packet-path.ts) as the renderer sees it.
export { HOOK_STAGES, HOOKS_IN_ORDER, stageLabel, type PathStage } from '../base/packet-path.js';
