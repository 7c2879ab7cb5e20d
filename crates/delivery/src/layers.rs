//! Overlay layers (`l-image`, `ik_canvas` blocks, `l-text` … `l-end`): fetching the files
//! image layers read (before the blocking render), and, during the render, turning a step's
//! layers into prepared [`OverlaySpec`]s: each layer's content is rendered, its own chain
//! applied (expressions see `bw`/`bh` = the image it is placed on), its position resolved,
//! and the result clipped to the base.

use std::cell::Cell;
use std::collections::{HashMap, VecDeque};

use bytes::Bytes;
use image::{DynamicImage, Rgba, RgbaImage};
use store::{BlobStore, MetaStore};
use transform::{
    Background, Dim, Font, Gravity, Layer, LayerMode, LayerPosition, LayerSource, Plan, Step, Vars,
};

use crate::DeliveryError;
use crate::pipeline::overlay::{Blend, OverlaySpec};
use crate::pipeline::{self, MAX_OUTPUT_PIXELS, RenderError, StepSpec, text};
use crate::transform_step::next_step;

/// The bytes of each image layer's file, by media-library path.
pub type LayerFiles = HashMap<String, Bytes>;

/// Most distinct files the layers of one URL may read.
pub const MAX_LAYER_FILES: usize = 16;
/// Most bytes those files may add up to.
pub const MAX_LAYER_BYTES: usize = 100 * 1024 * 1024;
/// ImageKit's default text size, in pixels.
const DEFAULT_FONT_SIZE: f64 = 45.0;

/// What resolving a chain of steps needs besides the steps.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    /// The source file's `customCoordinates` (for `fo-custom`); none inside layers.
    pub coordinates: Option<&'a str>,
    /// The size of the image a layer's chain is placed on (`bw`, `bh`); zero at the top.
    pub base: (u32, u32),
    pub files: &'a LayerFiles,
    /// Overlay pixels the whole render may still hold: many or large layers are refused
    /// instead of exhausting memory.
    pub budget: &'a Cell<u64>,
}

/// Layer files fetched for a render.
pub struct Fetched {
    pub files: LayerFiles,
    /// Some file is private: the rendered answer must be treated as private too.
    pub private: bool,
}

/// Every media-library path an image layer of `plan` reads (nested layers and if-branches
/// included), each once.
pub fn image_paths(plan: &Plan) -> Vec<String> {
    let mut paths = Vec::new();
    collect(&plan.steps, &mut paths);
    paths
}

fn collect(steps: &[Step], paths: &mut Vec<String>) {
    for step in steps {
        for layer in &step.overlays {
            if let LayerSource::Image(path) = &layer.source
                && !paths.contains(path)
            {
                paths.push(path.clone());
            }
            collect(&layer.steps, paths);
        }
        if let Some(c) = &step.conditional {
            collect(&c.then, paths);
            collect(&c.otherwise, paths);
        }
    }
}

/// Reads the current version of each layer file. A private one needs `may_read_private`
/// (a signed URL, or only named transformations).
pub async fn fetch(
    meta: &dyn MetaStore,
    blobs: &dyn BlobStore,
    paths: &[String],
    may_read_private: bool,
) -> Result<Fetched, DeliveryError> {
    if paths.len() > MAX_LAYER_FILES {
        return Err(DeliveryError::BadTransformation(format!(
            "The layers read {} files; at most {MAX_LAYER_FILES} are allowed.",
            paths.len()
        )));
    }
    let mut fetched = Fetched {
        files: HashMap::new(),
        private: false,
    };
    let mut total = 0;
    for path in paths {
        let missing = || DeliveryError::LayerNotFound(path.clone());
        let record = meta.file_by_path(path).await?.ok_or_else(missing)?;
        if record.version.is_private && !may_read_private {
            return Err(DeliveryError::PrivateFile);
        }
        let bytes = blobs.get(&record.version.blob_key).await?.ok_or_else(missing)?;
        total += bytes.len();
        if total > MAX_LAYER_BYTES {
            return Err(DeliveryError::Unprocessable(
                "The layer files are too large to transform together.".into(),
            ));
        }
        fetched.private |= record.version.is_private;
        fetched.files.insert(path.clone(), bytes);
    }
    Ok(fetched)
}

/// A step that paints `layers` onto a `w`×`h` image.
pub(crate) fn prepare(layers: &[Layer], w: u32, h: u32, ctx: &Ctx) -> Result<StepSpec, RenderError> {
    let mut overlays = Vec::with_capacity(layers.len());
    for layer in layers {
        if let Some(overlay) = render_layer(layer, (w, h), ctx)? {
            let pixels = u64::from(overlay.image.width()) * u64::from(overlay.image.height());
            let left = ctx.budget.get().checked_sub(pixels).ok_or_else(|| {
                RenderError::Unsupported("overlay layers covering more than 100 million pixels in all".into())
            })?;
            ctx.budget.set(left);
            overlays.push(overlay);
        }
    }
    Ok(StepSpec {
        overlays,
        ..StepSpec::default()
    })
}

/// The layer rendered, placed and clipped to `base`; `None` when it lands outside.
fn render_layer(layer: &Layer, base: (u32, u32), ctx: &Ctx) -> Result<Option<OverlaySpec>, RenderError> {
    let blend = match layer.position.mode {
        None => Blend::Normal,
        Some(LayerMode::Multiply) => Blend::Multiply,
        Some(LayerMode::Cutout) => Blend::Cutout,
        Some(LayerMode::Cutter) => Blend::Cutter,
        Some(other) => return Err(RenderError::Unsupported(format!("the layer mode lm-{other}"))),
    };
    let inner = Ctx {
        coordinates: None,
        base,
        ..*ctx
    };
    let mut steps = layer.steps.clone();
    let image = match &layer.source {
        LayerSource::Image(path) => {
            let bytes = ctx
                .files
                .get(path)
                .ok_or_else(|| RenderError::Internal(format!("layer file {path} was not fetched")))?;
            let mut chain = Chain::new(steps, inner);
            pipeline::render_image(bytes, None, |w, h| chain.next(w, h)).map_err(|e| match e {
                RenderError::NotAnImage | RenderError::Corrupt(_) | RenderError::TooLarge { .. } => {
                    RenderError::BadLayer(format!("{path} cannot be used: {e}"))
                }
                other => other,
            })?
        }
        LayerSource::Canvas => {
            let start = canvas(&mut steps, base)?;
            Chain::new(steps, inner).run(start)?
        }
        LayerSource::Text(text) => {
            let start = text_box(text, layer, &mut steps, base)?;
            Chain::new(steps, inner).run(start)?
        }
        LayerSource::Video(_) | LayerSource::Subtitles(_) => {
            return Err(RenderError::Unsupported(format!("l-{} layers", layer.kind())));
        }
    };
    let image = with_alpha(image.into_rgba8(), layer.style.alpha);
    let (x, y) = position(&layer.position, base, image.dimensions())?;
    Ok(OverlaySpec::clipped(&image, x, y, base, blend))
}

/// A layer's own chain of steps, resolved one at a time against the layer's current size.
struct Chain<'a> {
    queue: VecDeque<Step>,
    source: Option<(u32, u32)>,
    ctx: Ctx<'a>,
}

impl<'a> Chain<'a> {
    fn new(steps: Vec<Step>, ctx: Ctx<'a>) -> Self {
        Chain {
            queue: steps.into(),
            source: None,
            ctx,
        }
    }

    fn next(&mut self, w: u32, h: u32) -> Result<Option<StepSpec>, RenderError> {
        let (iw, ih) = *self.source.get_or_insert((w, h));
        next_step(&mut self.queue, w, h, iw, ih, &self.ctx)
    }

    fn run(mut self, image: DynamicImage) -> Result<DynamicImage, RenderError> {
        pipeline::apply_steps(image, |w, h| self.next(w, h))
    }
}

/// Expression variables inside a layer: `iw`/`cw` the layer, `bw` the image under it.
fn vars(own: (u32, u32), base: (u32, u32)) -> Vars {
    Vars {
        iw: f64::from(own.0),
        ih: f64::from(own.1),
        cw: f64::from(own.0),
        ch: f64::from(own.1),
        bw: f64::from(base.0),
        bh: f64::from(base.1),
    }
}

/// A dimension in pixels; fractions are of `of`.
fn px(dim: &Dim, of: u32, vars: &Vars) -> Result<Option<f64>, RenderError> {
    Ok(match dim {
        Dim::Auto => None,
        Dim::Px(v) | Dim::Ratio(v) => Some(*v),
        Dim::Fraction(f) => Some(f * f64::from(of)),
        Dim::Expr(e) => Some(e.eval(vars).ok_or_else(|| {
            RenderError::Unsupported(format!("the expression {e}, which cannot be evaluated"))
        })?),
    })
}

/// A size in whole pixels within the output limits.
fn side(v: f64, what: &str) -> Result<u32, RenderError> {
    let rounded = v.round();
    if !(1.0..=65_535.0).contains(&rounded) {
        return Err(RenderError::Unsupported(format!("a {what} of {v} pixels")));
    }
    Ok(rounded as u32)
}

/// `ik_canvas`: a solid block, `w`×`h` (default: the base's size) of colour `bg`. Those
/// parameters make the block, so they are taken out of its chain.
fn canvas(steps: &mut [Step], base: (u32, u32)) -> Result<DynamicImage, RenderError> {
    let vars = vars(base, base);
    let first = steps.first_mut();
    let (width, height, background) = match first {
        Some(step) => (step.width.take(), step.height.take(), step.background.take()),
        None => (None, None, None),
    };
    let size = |dim: Option<Dim>, of: u32, what: &str| -> Result<u32, RenderError> {
        match dim.map(|d| px(&d, of, &vars)).transpose()?.flatten() {
            Some(v) => side(v, what),
            None => Ok(of.max(1)),
        }
    };
    let (w, h) = (size(width, base.0, "width")?, size(height, base.1, "height")?);
    if u64::from(w) * u64::from(h) > MAX_OUTPUT_PIXELS {
        return Err(RenderError::OutputTooLarge { width: w, height: h });
    }
    let colour = match background {
        None => Rgba([0, 0, 0, 255]),
        Some(Background::Color(c)) => Rgba([c.r, c.g, c.b, c.a]),
        Some(other) => {
            return Err(RenderError::Unsupported(format!(
                "bg-{other} on an ik_canvas layer"
            )));
        }
    };
    Ok(DynamicImage::ImageRgba8(RgbaImage::from_pixel(w, h, colour)))
}

/// A text layer's box. Its first step's `w` (wrap width) and `bg` (box colour) shape the
/// box, so they are taken out of its chain; `r`, `rt`… then apply to the box.
fn text_box(
    text: &str,
    layer: &Layer,
    steps: &mut [Step],
    base: (u32, u32),
) -> Result<DynamicImage, RenderError> {
    let vars = vars(base, base);
    let style = &layer.style;
    let (wrap, background) = match steps.first_mut() {
        Some(step) => (step.width.take(), step.background.take()),
        None => (None, None),
    };
    let length = |dim: &Option<Dim>| -> Result<Option<f64>, RenderError> {
        Ok(dim.as_ref().map(|d| px(d, base.0, &vars)).transpose()?.flatten())
    };
    let pad = |dim: &Dim| -> Result<u32, RenderError> {
        Ok(px(dim, base.0, &vars)?
            .unwrap_or(0.0)
            .round()
            .clamp(0.0, 65_535.0) as u32)
    };
    let padding = match &style.padding {
        None => [0; 4],
        Some(p) => [pad(&p.top)?, pad(&p.right)?, pad(&p.bottom)?, pad(&p.left)?],
    };
    let typography = style.typography.unwrap_or_default();
    let bold = typography.bold || builtin_bold(style.font.as_ref())?;
    let background = match background {
        None => Rgba([0, 0, 0, 0]),
        Some(Background::Color(c)) => Rgba([c.r, c.g, c.b, c.a]),
        Some(other) => return Err(RenderError::Unsupported(format!("bg-{other} on a text layer"))),
    };
    let colour = style
        .color
        .map_or(Rgba([0, 0, 0, 255]), |c| Rgba([c.r, c.g, c.b, c.a]));
    let spec = text::TextSpec {
        text: text.to_owned(),
        size: length(&style.font_size)?.unwrap_or(DEFAULT_FONT_SIZE) as f32,
        bold,
        italic: typography.italic,
        strikethrough: typography.strikethrough,
        color: colour,
        background,
        padding,
        wrap_width: length(&wrap)?.map(|w| side(w, "text width")).transpose()?,
        align: match style.align {
            None | Some(transform::Align::Center) => text::Align::Center,
            Some(transform::Align::Left) => text::Align::Left,
            Some(transform::Align::Right) => text::Align::Right,
        },
        line_height: length(&style.line_height)?.map(|v| v as f32),
    };
    Ok(DynamicImage::ImageRgba8(text::render(&spec)?))
}

/// `ff-…`: the bundled DejaVu Sans family stands in for every font; only its own names
/// are accepted (`DejaVu Sans`, `DejaVuSans-Bold`, …, case and separators ignored), and
/// `…Bold` picks the bold face. Whether the name asks for bold.
fn builtin_bold(font: Option<&Font>) -> Result<bool, RenderError> {
    let name = match font {
        None => return Ok(false),
        Some(Font::Builtin(name)) => name,
        Some(Font::Path(path)) => {
            return Err(RenderError::Unsupported(format!(
                "the uploaded font {path} (ff-<file>)"
            )));
        }
    };
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match key.as_str() {
        "dejavusans" | "dejavu" | "sans" | "sansserif" => Ok(false),
        "dejavusansbold" | "dejavubold" => Ok(true),
        _ => Err(RenderError::Unsupported(format!(
            "the font '{name}' (the built-in font is DejaVu Sans)"
        ))),
    }
}

/// `al-1`…`al-9`: the layer at 10 %…90 % opacity.
fn with_alpha(mut image: RgbaImage, alpha: Option<u8>) -> RgbaImage {
    if let Some(al) = alpha {
        let opacity = f32::from(al.min(10)) / 10.0;
        for pixel in image.pixels_mut() {
            pixel[3] = (f32::from(pixel[3]) * opacity).round() as u8;
        }
    }
    image
}

/// Where the layer's top-left corner goes on the base. `lx`/`ly` (top-left) and `lxc`/`lyc`
/// (centre) are offsets from the `lap` point of the base (default its top-left corner);
/// without any of them `lfo` (default centre) places the layer inside the base.
fn position(pos: &LayerPosition, base: (u32, u32), size: (u32, u32)) -> Result<(f64, f64), RenderError> {
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
