//! Overlay layers (`l-image`, `ik_canvas` blocks, `l-text` … `l-end`): fetching the files
//! image layers read (before the blocking render), and, during the render, turning a step's
//! layers into prepared [`OverlaySpec`]s: each layer's content is rendered, its own chain
//! applied (expressions see `bw`/`bh` = the image it is placed on), its position resolved,
//! and the result clipped to the base.

use std::cell::Cell;
use std::collections::{HashMap, VecDeque};

use bytes::Bytes;
use image::{DynamicImage, RgbaImage};
use store::{BlobStore, MetaStore};
use transform::{Dim, Layer, LayerMode, LayerSource, Plan, Step, Vars};

use crate::DeliveryError;
use crate::pipeline::overlay::{Blend, OverlaySpec};
use crate::pipeline::{self, RenderError, StepSpec};
use crate::transform_step::next_step;

mod content;
mod place;

/// The bytes of each image layer's file, by media-library path.
pub type LayerFiles = HashMap<String, Bytes>;

/// Most distinct files the layers of one URL may read.
pub const MAX_LAYER_FILES: usize = 16;
/// Most bytes those files may add up to.
pub const MAX_LAYER_BYTES: usize = 100 * 1024 * 1024;

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
            // ImageKit trims image layers unless the layer says otherwise (`t-false` included).
            if !steps.iter().any(|s| s.trim.is_some()) {
                steps.insert(
                    0,
                    Step {
                        trim: Some(transform::Trim::Default),
                        ..Step::default()
                    },
                );
            }
            let mut chain = Chain::new(steps, inner);
            pipeline::render_image(bytes, None, |w, h| chain.next(w, h)).map_err(|e| match e {
                RenderError::NotAnImage | RenderError::Corrupt(_) | RenderError::TooLarge { .. } => {
                    RenderError::BadLayer(format!("{path} cannot be used: {e}"))
                }
                other => other,
            })?
        }
        LayerSource::Canvas => {
            let start = content::canvas(&mut steps, base)?;
            Chain::new(steps, inner).run(start)?
        }
        LayerSource::Text(text) => {
            let start = content::text_box(text, layer, &mut steps, base)?;
            Chain::new(steps, inner).run(start)?
        }
        LayerSource::Video(_) | LayerSource::Subtitles(_) => {
            return Err(RenderError::Unsupported(format!("l-{} layers", layer.kind())));
        }
    };
    let image = with_alpha(image.into_rgba8(), layer.style.alpha);
    let (x, y) = place::position(&layer.position, base, image.dimensions())?;
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
pub(super) fn vars(own: (u32, u32), base: (u32, u32)) -> Vars {
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
pub(super) fn px(dim: &Dim, of: u32, vars: &Vars) -> Result<Option<f64>, RenderError> {
    Ok(match dim {
        Dim::Auto => None,
        Dim::Px(v) | Dim::Ratio(v) => Some(*v),
        Dim::Fraction(f) => Some(f * f64::from(of)),
        Dim::Expr(e) => Some(e.eval(vars).ok_or_else(|| {
            RenderError::Unsupported(format!("the expression {e}, which cannot be evaluated"))
        })?),
    })
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
