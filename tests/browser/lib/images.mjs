// Real PNG files made in memory, for uploads from a page (pass the bytes to the page and
// build a Blob there) or from Node.
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A valid RGB PNG of `width`×`height` pixels as a Buffer. Colours come from `seed`, so two
 * images differ; `noise` makes the pixels random (an incompressible file of about
 * width*height*3 bytes, for uploads big enough to report progress more than once).
 */
export function makePng(width = 4, height = 3, { seed = randomBytes(3), noise = false } = {}) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0 (None)
    if (noise) {
      randomBytes(width * 3).copy(row, 1);
    } else {
      for (let x = 0; x < width; x++) {
        row[1 + x * 3] = (seed[0] + x * 31) & 0xff;
        row[2 + x * 3] = (seed[1] + y * 47) & 0xff;
        row[3 + x * 3] = (seed[2] + x * y * 13) & 0xff;
      }
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
