// UTF-8 for terminal bytes. TextEncoder/TextDecoder exist in every runtime core
// runs in (Node, Electron, browsers) but are not in the ES library types.
interface Utf8Encoder {
  encode(text: string): Uint8Array;
}

interface Utf8Decoder {
  decode(bytes: Uint8Array, options?: { stream: boolean }): string;
}

/** The part of the runtime's global scope this module uses. */
interface Utf8Codecs {
  TextEncoder: new () => Utf8Encoder;
  TextDecoder: new () => Utf8Decoder;
}

function hasCodecs(scope: object): scope is Utf8Codecs {
  return typeof Reflect.get(scope, 'TextEncoder') === 'function' && typeof Reflect.get(scope, 'TextDecoder') === 'function';
}

function runtimeCodecs(): Utf8Codecs {
  const scope: object = globalThis;
  if (!hasCodecs(scope)) throw new Error('this runtime has no TextEncoder/TextDecoder');
  return scope;
}

const codecs = runtimeCodecs();

const encoder = new codecs.TextEncoder();

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A streaming decoder: a character split across chunks comes out whole. */
export function utf8Decoder(): Utf8Decoder {
  return new codecs.TextDecoder();
}
