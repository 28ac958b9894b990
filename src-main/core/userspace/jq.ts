// jq is the real jq (1.7, compiled to WebAssembly by jq-wasm). The lab loads
// it once, ahead of the first `jq` command, so jq answers without a pause.
import { raw as runJq } from 'jq-wasm';

export { runJq };

let loaded: Promise<void> | undefined;

/** Loads jq's WebAssembly once; later calls return the same promise. */
export function prepareJq(): Promise<void> {
  loaded ??= runJq('null', '.').then(() => undefined);
  return loaded;
}
