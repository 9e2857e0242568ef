// Makes every app icon the installers need from ONE source image, build/icon-source.png:
// build/icons/<N>x<N>.png (Linux), build/icon.png (512), build/icon.ico (Windows),
// build/icon.icns (macOS). Pure Node (zlib) so it runs on a machine without ImageMagick.
// `node scripts/icons.mjs --draw` redraws the source image itself (a cinema ticket with a seat).
import { deflateSync, inflateSync } from 'node:zlib';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

// --- PNG encode/decode (8-bit RGBA, no interlace) -------------------------------------------
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
export function encodePng(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
export function decodePng(buf) {
  let off = 8, w = 0, h = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0); h = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6) throw new Error('source must be 8-bit RGBA');
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(w * h * 4);
  const stride = w * 4;
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      let p = 0;
      if (f === 1) p = a; else if (f === 2) p = b; else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) { const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c); p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = (v + p) & 0xff;
    }
  }
  return { w, h, rgba: out };
}

// --- resize (box filter, premultiplied alpha) -----------------------------------------------
function resize(src, sw, sh, n) {
  const out = Buffer.alloc(n * n * 4);
  const fx = sw / n, fy = sh / n;
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    let r = 0, g = 0, b = 0, a = 0, cnt = 0;
    for (let yy = Math.floor(y * fy); yy < Math.ceil((y + 1) * fy); yy++) for (let xx = Math.floor(x * fx); xx < Math.ceil((x + 1) * fx); xx++) {
      const i = (yy * sw + xx) * 4, al = src[i + 3] / 255;
      r += src[i] * al; g += src[i + 1] * al; b += src[i + 2] * al; a += al; cnt++;
    }
    const o = (y * n + x) * 4;
    out[o] = a ? Math.round(r / a) : 0; out[o + 1] = a ? Math.round(g / a) : 0; out[o + 2] = a ? Math.round(b / a) : 0; out[o + 3] = Math.round((a / cnt) * 255);
  }
  return out;
}

// --- the drawn source: a rounded ticket, a notch each side, a seat, on a deep red ------------
function draw(n) {
  const px = Buffer.alloc(n * n * 4);
  const inRound = (x, y, x0, y0, x1, y1, r) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    const u = x / n, v = y / n, i = (y * n + x) * 4;
    let c = null;
    if (inRound(u, v, 0.04, 0.04, 0.96, 0.96, 0.2)) c = [178, 34, 52, 255];
    if (inRound(u, v, 0.14, 0.26, 0.86, 0.74, 0.06) && (u - 0.14) ** 2 + (v - 0.5) ** 2 > 0.006 && (u - 0.86) ** 2 + (v - 0.5) ** 2 > 0.006) c = [255, 244, 214, 255];
    const seat = inRound(u, v, 0.36, 0.34, 0.64, 0.52, 0.04) || inRound(u, v, 0.32, 0.5, 0.68, 0.6, 0.03) || inRound(u, v, 0.34, 0.58, 0.39, 0.67, 0.01) || inRound(u, v, 0.61, 0.58, 0.66, 0.67, 0.01);
    if (seat) c = [178, 34, 52, 255];
    if (c) px.set(c, i);
  }
  return px;
}

function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(([n, png], k) => {
    const e = 6 + 16 * k;
    header[e] = n >= 256 ? 0 : n; header[e + 1] = n >= 256 ? 0 : n;
    header.writeUInt16LE(1, e + 4); header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8); header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(([, p]) => p)]);
}

function icns(bySize) {
  const types = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];
  const parts = types.map(([t, n]) => {
    const head = Buffer.alloc(8);
    head.write(t, 0, 'ascii');
    head.writeUInt32BE(bySize[n].length + 8, 4);
    return Buffer.concat([head, bySize[n]]);
  });
  const total = 8 + parts.reduce((s, p) => s + p.length, 0);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(total, 4);
  return Buffer.concat([head, ...parts]);
}

const dir = new URL('../build/', import.meta.url).pathname;
if (process.argv.includes('--draw')) writeFileSync(`${dir}icon-source.png`, encodePng(1024, 1024, draw(1024)));
const src = decodePng(readFileSync(`${dir}icon-source.png`));
mkdirSync(`${dir}icons`, { recursive: true });
const bySize = {};
for (const n of SIZES) {
  bySize[n] = encodePng(n, n, n === src.w ? src.rgba : resize(src.rgba, src.w, src.h, n));
  if (n <= 512) writeFileSync(`${dir}icons/${n}x${n}.png`, bySize[n]);
}
writeFileSync(`${dir}icon.png`, bySize[512]);
writeFileSync(`${dir}icon.ico`, ico([16, 24, 32, 48, 64, 128, 256].map((n) => [n, bySize[n]])));
writeFileSync(`${dir}icon.icns`, icns(bySize));
console.log(`icons: ${SIZES.join(', ')} px, icon.ico, icon.icns from build/icon-source.png`);
