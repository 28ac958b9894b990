// UTF-8 for terminal bytes. TextEncoder/TextDecoder exist in every runtime core
// runs in (Node, Electron, browsers) but are not in the ES library types.
interface Utf8Decoder {
  decode(bytes: Uint8Array, options?: { stream: boolean }): string;
}

const codecs = globalThis as unknown as {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => Utf8Decoder;
};

const encoder = new codecs.TextEncoder();

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A streaming decoder: a character split across chunks comes out whole. */
export function utf8Decoder(): Utf8Decoder {
  return new codecs.TextDecoder();
}
