// Pleasant test pictures for the screenshots, painted on a canvas in the browser (no image
// files in the repository, no downloads): a sky gradient, a sun or moon, layered hills.
// Each scene resolves to a JPEG as a Buffer.

const SCENES = {
  sunset: { sky: ['#ff9a3c', '#ff5e62', '#6a3093'], sun: ['#ffe29a', 0.5, 0.55, 0.12], hills: ['#4a2545', '#2d1b33', '#160f1f'] },
  alpine: { sky: ['#bfe6ff', '#6fb1fc', '#3a7bd5'], sun: ['#fffbe6', 0.78, 0.2, 0.07], hills: ['#e8f1f8', '#7d8ca3', '#3d4b5c'], peaks: true },
  meadow: { sky: ['#d4fc79', '#96e6a1', '#56ab8f'], sun: ['#fffde1', 0.2, 0.25, 0.09], hills: ['#5fa55a', '#3f7d3a', '#24522a'] },
  night: { sky: ['#0f2027', '#203a43', '#2c5364'], sun: ['#f4f1de', 0.7, 0.25, 0.06], hills: ['#1b2b34', '#13202a', '#0a1117'], stars: true },
  dunes: { sky: ['#fceabb', '#f8b500', '#f08a24'], sun: ['#fff6d5', 0.3, 0.3, 0.1], hills: ['#e0a458', '#c47f3a', '#8f5524'] },
  ocean: { sky: ['#a1c4fd', '#c2e9fb', '#e0f7ff'], sun: ['#ffffff', 0.6, 0.22, 0.08], hills: ['#2b86c5', '#1f5f9e', '#123d6a'], waves: true },
  dusk: { sky: ['#355c7d', '#6c5b7b', '#c06c84'], sun: ['#f8b195', 0.45, 0.62, 0.14], hills: ['#3b3054', '#2a2140', '#1a1429'] },
  lagoon: { sky: ['#43cea2', '#2bb6b0', '#185a9d'], sun: ['#fdfcdc', 0.82, 0.3, 0.08], hills: ['#137a7f', '#0d5c63', '#073b40'], waves: true },
};

export const sceneNames = Object.keys(SCENES);

/** Paints `name` at width×height in `page` and returns JPEG bytes. */
export async function paintScene(page, name, width = 1200, height = 800) {
  const base64 = await page.evaluate(({ scene, width, height }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, height);
    scene.sky.forEach((c, i) => sky.addColorStop(i / (scene.sky.length - 1), c));
    g.fillStyle = sky;
    g.fillRect(0, 0, width, height);
    if (scene.stars) {
      g.fillStyle = 'rgba(255,255,255,0.8)';
      for (let i = 0; i < 160; i++) {
        const x = (Math.sin(i * 12.9898) * 43758.5453 % 1 + 1) % 1;
        const y = (Math.sin(i * 78.233) * 12345.678 % 1 + 1) % 1;
        g.fillRect(x * width, y * height * 0.6, 2, 2);
      }
    }
    const [sunColor, sx, sy, sr] = scene.sun;
    const glow = g.createRadialGradient(sx * width, sy * height, 0, sx * width, sy * height, sr * width * 2.2);
    glow.addColorStop(0, sunColor);
    glow.addColorStop(0.45, sunColor);
    glow.addColorStop(0.46, `${sunColor}55`);
    glow.addColorStop(1, `${sunColor}00`);
    g.fillStyle = glow;
    g.fillRect(0, 0, width, height);
    scene.hills.forEach((color, layer) => {
      g.fillStyle = color;
      g.beginPath();
      const baseY = height * (0.55 + layer * 0.14);
      g.moveTo(0, height);
      for (let x = 0; x <= width; x += 8) {
        const t = x / width;
        let y = baseY + Math.sin(t * (3 + layer) * Math.PI + layer) * height * 0.05 + Math.sin(t * 11 + layer * 2) * height * 0.02;
        if (scene.peaks && layer === 0) y = baseY - Math.abs(((t * 4 + 0.5) % 1) - 0.5) * height * 0.5 + height * 0.08;
        if (scene.waves && layer > 0) y = baseY + Math.sin(t * 40 + layer) * height * 0.01;
        g.lineTo(x, y);
      }
      g.lineTo(width, height);
      g.closePath();
      g.fill();
    });
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  }, { scene: SCENES[name], width, height });
  return Buffer.from(base64, 'base64');
}

/**
 * `jpeg` with an EXIF block after its start marker: IFD0 (Make, Model) and the Exif IFD
 * (DateTimeOriginal, ISO), big-endian, so details screens have camera data to show.
 */
export function withExif(jpeg, { make = 'Halftone', model = 'Canvas One', taken = '2024:06:21 20:45:00', iso = 100 } = {}) {
  const ascii = (s) => Buffer.from(`${s}\0`, 'latin1');
  // Entries: [tag, type, count, value bytes]; type 2 ASCII, 3 SHORT, 4 LONG.
  const ifd = (entries, start, next = 0) => {
    const head = Buffer.alloc(2 + entries.length * 12 + 4);
    head.writeUInt16BE(entries.length, 0);
    let dataAt = start + head.length;
    const data = [];
    entries.forEach(([tag, type, count, bytes], i) => {
      const p = 2 + i * 12;
      head.writeUInt16BE(tag, p);
      head.writeUInt16BE(type, p + 2);
      head.writeUInt32BE(count, p + 4);
      if (bytes.length <= 4) bytes.copy(head, p + 8);
      else {
        head.writeUInt32BE(dataAt, p + 8);
        data.push(bytes);
        dataAt += bytes.length;
      }
    });
    head.writeUInt32BE(next, head.length - 4);
    return Buffer.concat([head, ...data]);
  };
  const short = (n) => { const b = Buffer.alloc(4); b.writeUInt16BE(n, 0); return b; };
  const long = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n, 0); return b; };
  const makeB = ascii(make);
  const modelB = ascii(model);
  const ifd0Size = 2 + 3 * 12 + 4 + makeB.length + modelB.length;
  const ifd0 = ifd([[0x010f, 2, makeB.length, makeB], [0x0110, 2, modelB.length, modelB], [0x8769, 4, 1, long(8 + ifd0Size)]], 8);
  const takenB = ascii(taken);
  const exif = ifd([[0x8827, 3, 1, short(iso)], [0x9003, 2, takenB.length, takenB]], 8 + ifd0Size);
  const tiff = Buffer.concat([Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), ifd0, exif]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const marker = Buffer.from([0xff, 0xe1, 0, 0]);
  marker.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), marker, body, jpeg.subarray(2)]);
}
