"""Seeded, photo-like test images for scripts/bench-delivery (nothing is downloaded).

Usage: python gen_images.py OUT_DIR [N_EACH]
Writes large_NN.jpg (4000x3000, q90), hd_NN.jpg (1920x1080, q85) and alpha_NN.png
(1600x1200 RGBA). Each image: multi-octave colour texture, shapes with soft edges and
sensor-like noise, so it compresses like a phone photo (~1.9 bit/px at q90), not like a
flat test card. Needs Pillow only.
"""
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter


def photo(w, h, seed, noise=0.06):
    rnd = random.Random(seed)
    img = None
    for cells, weight in ((6, 1.0), (24, 0.55), (96, 0.35), (400, 0.22)):
        cw, ch = cells, max(2, cells * h // w)
        small = Image.frombytes("RGB", (cw, ch), rnd.randbytes(cw * ch * 3))
        layer = small.resize((w, h), Image.BICUBIC)
        img = layer if img is None else Image.blend(img, layer, weight / (1 + weight))
    draw = ImageDraw.Draw(img)
    for _ in range(60):
        x0, y0 = rnd.randrange(w), rnd.randrange(h)
        x1, y1 = x0 + rnd.randrange(w // 20, w // 4), y0 + rnd.randrange(h // 20, h // 4)
        colour = tuple(rnd.randrange(256) for _ in range(3))
        (draw.ellipse if rnd.random() < 0.5 else draw.rectangle)((x0, y0, x1, y1), fill=colour)
    for _ in range(200):
        pts = [(rnd.randrange(w), rnd.randrange(h)) for _ in range(2)]
        draw.line(pts, fill=tuple(rnd.randrange(256) for _ in range(3)), width=rnd.randrange(1, 6))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.frombytes("RGB", (w, h), rnd.randbytes(w * h * 3))
    return Image.blend(img, grain, noise)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        photo(4000, 3000, 1000 + i).save(os.path.join(out, f"large_{i:02d}.jpg"), quality=90)
        photo(1920, 1080, 2000 + i).save(os.path.join(out, f"hd_{i:02d}.jpg"), quality=85)
        rgb = photo(1600, 1200, 3000 + i, noise=0.04)
        alpha = Image.new("L", rgb.size, 0)
        ImageDraw.Draw(alpha).ellipse((80, 60, 1520, 1140), fill=255)
        alpha = alpha.filter(ImageFilter.GaussianBlur(40))
        rgb.putalpha(alpha)
        rgb.save(os.path.join(out, f"alpha_{i:02d}.png"), compress_level=6)


if __name__ == "__main__":
    main()
