/**
 * The one base64 decoder (profiles in capture records and in the HTML report's data). atob
 * exists in Node and in browsers; a capture record's check made sure its text is base64
 * (formats/capture-check.ts), so atob does not throw on what readers hand it.
 */
export function decodeBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
