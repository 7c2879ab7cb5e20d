//! Where a layer goes on the image under it: `lx`/`ly`, `lxc`/`lyc` from the `lap` point,
//! or `lfo`.

use transform::{Dim, Gravity, LayerPosition};

use super::{px, vars};
use crate::pipeline::RenderError;

/// Where the layer's top-left corner goes on the base. `lx`/`ly` (top-left) and `lxc`/`lyc`
/// (centre) are offsets from the `lap` point of the base (default its top-left corner);
/// without any of them `lfo` (default centre) places the layer inside the base.
pub(super) fn position(
    pos: &LayerPosition,
    base: (u32, u32),
    size: (u32, u32),
) -> Result<(f64, f64), RenderError> {
    let vars = vars(size, base);
    let get = |d: &Option<Dim>| -> Result<Option<f64>, RenderError> {
        Ok(d.as_ref().map(|d| px(d, 0, &vars)).transpose()?.flatten())
    };
    let (x, y) = (get(&pos.x)?, get(&pos.y)?);
    let (xc, yc) = (get(&pos.x_center)?, get(&pos.y_center)?);
    let (bw, bh) = (f64::from(base.0), f64::from(base.1));
    let (lw, lh) = (f64::from(size.0), f64::from(size.1));
    if [x, y, xc, yc].iter().all(Option::is_none) {
        let (gx, gy) = gravity(pos.focus.unwrap_or(Gravity::Center));
        return Ok(((bw - lw) * gx, (bh - lh) * gy));
    }
    let (ax, ay) = gravity(pos.anchor.unwrap_or(Gravity::TopLeft));
    let place = |corner: Option<f64>, centre: Option<f64>, anchor: f64, len: f64| match (corner, centre) {
        (Some(v), _) => anchor + v,
        (None, Some(c)) => anchor + c - len / 2.0,
        (None, None) => anchor,
    };
    Ok((place(x, xc, ax * bw, lw), place(y, yc, ay * bh, lh)))
}

fn gravity(g: Gravity) -> (f64, f64) {
    match g {
        Gravity::Center => (0.5, 0.5),
        Gravity::Top => (0.5, 0.0),
        Gravity::Bottom => (0.5, 1.0),
        Gravity::Left => (0.0, 0.5),
        Gravity::Right => (1.0, 0.5),
        Gravity::TopLeft => (0.0, 0.0),
        Gravity::TopRight => (1.0, 0.0),
        Gravity::BottomLeft => (0.0, 1.0),
        Gravity::BottomRight => (1.0, 1.0),
    }
}
