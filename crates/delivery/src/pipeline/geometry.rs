//! Where pixels go: from the source size and a step's requested box, the resize size and
//! the crop or pad that follow, for every ImageKit crop strategy and mode. Pure arithmetic,
//! so every mode is table-tested without decoding an image.

/// `c-…`: what to do when both width and height are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// Cover the box, then cut the excess at the focus (ImageKit's default).
    #[default]
    MaintainRatio,
    /// Like `MaintainRatio`, but never larger than the source.
    MaintainRatioNoEnlarge,
    /// Stretch to the box.
    Force,
    /// Fit inside the box; never enlarge.
    AtMax,
    /// Fit inside the box; enlarge when smaller.
    AtMaxEnlarge,
    /// Cover the box without cutting (one side may be larger).
    AtLeast,
}

/// `cm-…`: modes that pad or extract instead of resizing to cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    PadResize,
    PadResizeNoEnlarge,
    Extract,
    PadExtract,
}

/// Where a crop or pad sits: a gravity, or an explicit point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    /// Horizontal and vertical gravity, each 0.0 (left/top) ..= 1.0 (right/bottom).
    Gravity(f64, f64),
    /// Top-left corner (`x`, `y`).
    TopLeft(i64, i64),
    /// Centre (`xc`, `yc`).
    Center(i64, i64),
}

impl Default for Anchor {
    fn default() -> Self {
        Anchor::Gravity(0.5, 0.5)
    }
}

/// What to do to the pixels, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Resize {
        width: u32,
        height: u32,
    },
    /// Cut `width`×`height` at (`x`, `y`) of the current image.
    Crop {
        x: u32,
        y: u32,
        width: u32,
        height: u32,
    },
    /// Place the current image at (`x`, `y`) on a `width`×`height` background.
    Pad {
        x: u32,
        y: u32,
        width: u32,
        height: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Request {
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// width / height, used when only one side is given.
    pub aspect_ratio: Option<f64>,
    pub strategy: Strategy,
    pub mode: Option<Mode>,
    pub anchor: Anchor,
}

fn scaled(value: f64) -> u32 {
    (value.round() as u32).max(1)
}

/// The operations that turn a `sw`×`sh` image into what `r` asks for.
pub fn plan(sw: u32, sh: u32, r: &Request) -> Vec<Op> {
    let (sw_f, sh_f) = (f64::from(sw.max(1)), f64::from(sh.max(1)));
    let (width, height) = match (r.width, r.height, r.aspect_ratio) {
        (Some(w), None, Some(ar)) if ar > 0.0 => (Some(w), Some(scaled(f64::from(w) / ar))),
        (None, Some(h), Some(ar)) if ar > 0.0 => (Some(scaled(f64::from(h) * ar)), Some(h)),
        (w, h, _) => (w, h),
    };
    let no_enlarge = matches!(r.strategy, Strategy::MaintainRatioNoEnlarge | Strategy::AtMax);
    let one_side = |scale: f64| {
        let scale = if no_enlarge { scale.min(1.0) } else { scale };
        vec![Op::Resize {
            width: scaled(sw_f * scale),
            height: scaled(sh_f * scale),
        }]
    };
    match (width, height) {
        (None, None) => Vec::new(),
        (Some(w), None) => one_side(f64::from(w) / sw_f),
        (None, Some(h)) => one_side(f64::from(h) / sh_f),
        (Some(w), Some(h)) => match r.mode {
            Some(mode) => plan_mode(sw, sh, w, h, mode, r.anchor),
            None => plan_strategy(sw, sh, w, h, r.strategy, r.anchor),
        },
    }
}

fn plan_strategy(sw: u32, sh: u32, w: u32, h: u32, strategy: Strategy, anchor: Anchor) -> Vec<Op> {
    let (sw_f, sh_f) = (f64::from(sw.max(1)), f64::from(sh.max(1)));
    let cover = (f64::from(w) / sw_f).max(f64::from(h) / sh_f);
    let fit = (f64::from(w) / sw_f).min(f64::from(h) / sh_f);
    let resize = |scale: f64| Op::Resize {
        width: scaled(sw_f * scale),
        height: scaled(sh_f * scale),
    };
    match strategy {
        Strategy::Force => vec![Op::Resize { width: w, height: h }],
        Strategy::AtMax => vec![resize(fit.min(1.0))],
        Strategy::AtMaxEnlarge => vec![resize(fit)],
        Strategy::AtLeast => vec![resize(cover)],
        Strategy::MaintainRatio | Strategy::MaintainRatioNoEnlarge => {
            let (w, h, cover) = if strategy == Strategy::MaintainRatioNoEnlarge && cover > 1.0 {
                // Shrink the box by the same factor so the crop keeps the requested ratio.
                (scaled(f64::from(w) / cover), scaled(f64::from(h) / cover), 1.0)
            } else {
                (w, h, cover)
            };
            let (rw, rh) = (scaled(sw_f * cover), scaled(sh_f * cover));
            let (x, y) = place(rw, rh, w.min(rw), h.min(rh), anchor);
            vec![
                Op::Resize {
                    width: rw,
                    height: rh,
                },
                Op::Crop {
                    x,
                    y,
                    width: w.min(rw),
                    height: h.min(rh),
                },
            ]
        }
    }
}

fn plan_mode(sw: u32, sh: u32, w: u32, h: u32, mode: Mode, anchor: Anchor) -> Vec<Op> {
    let (sw_f, sh_f) = (f64::from(sw.max(1)), f64::from(sh.max(1)));
    let fit = (f64::from(w) / sw_f).min(f64::from(h) / sh_f);
    match mode {
        Mode::PadResize | Mode::PadResizeNoEnlarge => {
            let scale = if mode == Mode::PadResizeNoEnlarge {
                fit.min(1.0)
            } else {
                fit
            };
            let (rw, rh) = (scaled(sw_f * scale).min(w), scaled(sh_f * scale).min(h));
            let (x, y) = place(w, h, rw, rh, anchor);
            vec![
                Op::Resize {
                    width: rw,
                    height: rh,
                },
                Op::Pad {
                    x,
                    y,
                    width: w,
                    height: h,
                },
            ]
        }
        Mode::Extract => {
            let (cw, ch) = (w.min(sw), h.min(sh));
            let (x, y) = place(sw, sh, cw, ch, anchor);
            vec![Op::Crop {
                x,
                y,
                width: cw,
                height: ch,
            }]
        }
        Mode::PadExtract => {
            let (cw, ch) = (w.min(sw), h.min(sh));
            let (x, y) = place(sw, sh, cw, ch, anchor);
            let mut ops = vec![Op::Crop {
                x,
                y,
                width: cw,
                height: ch,
            }];
            if cw < w || ch < h {
                let (px, py) = place(w, h, cw, ch, Anchor::default());
                ops.push(Op::Pad {
                    x: px,
                    y: py,
                    width: w,
                    height: h,
                });
            }
            ops
        }
    }
}

/// Top-left of an `inner`-sized window inside an `outer`-sized area, clamped inside it.
fn place(outer_w: u32, outer_h: u32, inner_w: u32, inner_h: u32, anchor: Anchor) -> (u32, u32) {
    let max_x = i64::from(outer_w.saturating_sub(inner_w));
    let max_y = i64::from(outer_h.saturating_sub(inner_h));
    let (x, y) = match anchor {
        Anchor::Gravity(gx, gy) => (
            (max_x as f64 * gx).round() as i64,
            (max_y as f64 * gy).round() as i64,
        ),
        Anchor::TopLeft(x, y) => (x, y),
        Anchor::Center(xc, yc) => (xc - i64::from(inner_w) / 2, yc - i64::from(inner_h) / 2),
    };
    (
        u32::try_from(x.clamp(0, max_x)).unwrap_or(0),
        u32::try_from(y.clamp(0, max_y)).unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(width: Option<u32>, height: Option<u32>) -> Request {
        Request {
            width,
            height,
            ..Request::default()
        }
    }

    #[test]
    fn every_strategy_and_mode() {
        let resize = |width, height| Op::Resize { width, height };
        let crop = |x, y, width, height| Op::Crop { x, y, width, height };
        let pad = |x, y, width, height| Op::Pad { x, y, width, height };
        let with = |strategy| Request {
            strategy,
            ..req(Some(300), Some(300))
        };
        let mode = |mode| Request {
            mode: Some(mode),
            ..req(Some(300), Some(300))
        };
        let cases: Vec<(Request, Vec<Op>)> = vec![
            (req(Some(300), None), vec![resize(300, 225)]),
            (req(None, Some(300)), vec![resize(400, 300)]),
            (
                Request {
                    aspect_ratio: Some(1.0),
                    ..req(Some(300), None)
                },
                vec![resize(400, 300), crop(50, 0, 300, 300)],
            ),
            (
                req(Some(300), Some(300)),
                vec![resize(400, 300), crop(50, 0, 300, 300)],
            ),
            (with(Strategy::Force), vec![resize(300, 300)]),
            (with(Strategy::AtMax), vec![resize(300, 225)]),
            (with(Strategy::AtLeast), vec![resize(400, 300)]),
            (with(Strategy::AtMaxEnlarge), vec![resize(300, 225)]),
            (
                mode(Mode::PadResize),
                vec![resize(300, 225), pad(0, 38, 300, 300)],
            ),
            (mode(Mode::Extract), vec![crop(1850, 1350, 300, 300)]),
            (
                Request {
                    anchor: Anchor::Gravity(0.0, 0.0),
                    ..mode(Mode::Extract)
                },
                vec![crop(0, 0, 300, 300)],
            ),
            (
                Request {
                    anchor: Anchor::TopLeft(10, 20),
                    ..mode(Mode::Extract)
                },
                vec![crop(10, 20, 300, 300)],
            ),
            (
                Request {
                    anchor: Anchor::Center(100, 100),
                    ..mode(Mode::Extract)
                },
                vec![crop(0, 0, 300, 300)],
            ),
            (
                Request {
                    anchor: Anchor::Gravity(1.0, 0.0),
                    ..req(Some(300), Some(300))
                },
                vec![resize(400, 300), crop(100, 0, 300, 300)],
            ),
        ];
        for (request, expected) in cases {
            assert_eq!(plan(4000, 3000, &request), expected, "{request:?}");
        }
    }

    #[test]
    fn no_enlarge_variants_keep_small_sources_small() {
        let one = Request {
            strategy: Strategy::MaintainRatioNoEnlarge,
            ..req(Some(800), None)
        };
        assert_eq!(
            plan(400, 200, &one),
            vec![Op::Resize {
                width: 400,
                height: 200
            }]
        );
        let one = Request {
            strategy: Strategy::AtMax,
            ..req(None, Some(100))
        };
        assert_eq!(
            plan(400, 200, &one),
            vec![Op::Resize {
                width: 200,
                height: 100
            }]
        );
        let small = |strategy| Request {
            strategy,
            ..req(Some(800), Some(800))
        };
        assert_eq!(
            plan(400, 300, &small(Strategy::AtMax)),
            vec![Op::Resize {
                width: 400,
                height: 300
            }]
        );
        assert_eq!(
            plan(400, 300, &small(Strategy::AtMaxEnlarge)),
            vec![Op::Resize {
                width: 800,
                height: 600
            }]
        );
        assert_eq!(
            plan(400, 300, &small(Strategy::MaintainRatioNoEnlarge)),
            vec![
                Op::Resize {
                    width: 400,
                    height: 300
                },
                Op::Crop {
                    x: 50,
                    y: 0,
                    width: 300,
                    height: 300
                }
            ]
        );
        let pad = Request {
            mode: Some(Mode::PadResizeNoEnlarge),
            ..req(Some(800), Some(800))
        };
        assert_eq!(
            plan(400, 300, &pad),
            vec![
                Op::Resize {
                    width: 400,
                    height: 300
                },
                Op::Pad {
                    x: 200,
                    y: 250,
                    width: 800,
                    height: 800
                }
            ]
        );
        let pad_extract = Request {
            mode: Some(Mode::PadExtract),
            ..req(Some(500), Some(500))
        };
        assert_eq!(
            plan(400, 300, &pad_extract),
            vec![
                Op::Crop {
                    x: 0,
                    y: 0,
                    width: 400,
                    height: 300
                },
                Op::Pad {
                    x: 50,
                    y: 100,
                    width: 500,
                    height: 500
                }
            ]
        );
    }
}
