//! Between a delivery URL and the pipeline: parses both transformation forms into one plan,
//! expands named transformations, negotiates the output format (`f-auto` from `Accept`),
//! and resolves each step against the image it applies to (fractions, expressions, `dpr`,
//! conditionals) as a `pipeline::StepSpec`.

use std::cell::Cell;
use std::collections::{HashMap, VecDeque};

use bytes::Bytes;
use image::Rgba;
use store::{FileRecord, WorkingCopy};
use transform::{
    Background, CondVars, Crop, CropMode, Dim, Dpr, Effect, Flip, Focus, Format, Plan, Radius, Rotation,
    Step, Vars,
};

use crate::DeliveryError;
use crate::effect_step;
use crate::layers::{self, LayerFiles};
use crate::pipeline::geometry::{Anchor, Mode, Request, Strategy};
use crate::pipeline::{self, Output, OutputFormat, Rendered, StepSpec};
use crate::target::Target;

const DEFAULT_QUALITY: u8 = 80;
const MAX_DPR_SIDE: f64 = 5000.0;

/// A request's transformation, ready to render.
pub struct Prepared {
    plan: Option<Plan>,
    /// Only named transformations: served unsigned even for private files (spec §1.6).
    named_only: bool,
    format: Option<Format>,
    accepts_webp: bool,
}

/// Whether `f-auto` may answer this client with WebP.
pub fn accepts_webp(accept: Option<&str>) -> bool {
    accept.is_some_and(|a| a.contains("image/webp"))
}

impl Prepared {
    /// `named` holds the account's named transformations (name → transformation text).
    pub fn new(
        target: &Target,
        accept: Option<&str>,
        named: &HashMap<String, String>,
    ) -> Result<Prepared, DeliveryError> {
        let bad = |e: transform::ParseError| DeliveryError::BadTransformation(e.to_string());
        let path = target
            .path_transform
            .as_deref()
            .map(transform::parse)
            .transpose()
            .map_err(bad)?;
        let query = target
            .query_transform
            .as_deref()
            .map(transform::parse)
            .transpose()
            .map_err(bad)?;
        let plan = transform::merge(path, query)
            .map(|p| {
                p.expand_named(&|name| {
                    named
                        .get(name)
                        .cloned()
                        .or_else(|| transform::builtin_named(name).map(str::to_owned))
                })
            })
            .transpose()
            .map_err(bad)?
            .filter(|p| !p.is_identity() && !p.is_original());
        if let Some(parameter) = plan.as_ref().and_then(Plan::unsupported) {
            return Err(DeliveryError::BadTransformation(format!(
                "The transformation parameter '{parameter}' is not supported by this server."
            )));
        }
        let format = plan
            .as_ref()
            .and_then(|p| p.steps.iter().rev().find_map(|s| s.format));
        let accepts_webp = accepts_webp(accept);
        let raw = [&target.path_transform, &target.query_transform];
        let named_only = raw.iter().any(|t| t.is_some())
            && raw.iter().filter_map(|t| t.as_deref()).all(|t| {
                t.split(':')
                    .all(|step| step.starts_with("n-") && !step.contains(','))
            });
        Ok(Prepared {
            plan,
            named_only,
            format,
            accepts_webp,
        })
    }

    /// `f-auto` (also the default) answers differ by `Accept`.
    pub fn vary_accept(&self) -> bool {
        self.plan.is_some() && matches!(self.format, None | Some(Format::Auto))
    }

    pub fn named_only(&self) -> bool {
        self.named_only
    }

    /// Whether the answer is the stored bytes as they are.
    pub fn is_original(&self) -> bool {
        self.plan.is_none()
    }

    /// The smallest of the version's working copies the render can start from: the first
    /// step begins with a resize to a box no larger than that copy (everything after is the same).
    pub fn working_copy<'a>(&self, record: &'a FileRecord) -> Option<&'a WorkingCopy> {
        let version = &record.version;
        let (Some(plan), Some(w), Some(h)) = (&self.plan, version.width, version.height) else {
            return None;
        };
        let (w, h) = (u32::try_from(w).ok()?, u32::try_from(h).ok()?);
        let first = plan.steps.first().filter(|s| s.conditional.is_none())?;
        let spec = resolve(first, w, h, w, h, version.custom_coordinates.as_deref(), (0, 0)).ok()?;
        let (rw, rh) = pipeline::first_resize(&spec, w, h)?;
        version
            .working
            .iter()
            .find(|copy| rw <= copy.width && rh <= copy.height)
    }

    /// Every media-library file the plan's image layers read.
    pub fn layer_paths(&self) -> Vec<String> {
        self.plan.as_ref().map(layers::image_paths).unwrap_or_default()
    }

    /// Renders from `body`: the original, or the working copy (`from_working`), which is then
    /// planned against the original's size. `files` holds the bytes of the layers' files.
    pub async fn render(
        &self,
        body: Bytes,
        record: &FileRecord,
        from_working: bool,
        files: LayerFiles,
    ) -> Result<Rendered, DeliveryError> {
        let Some(plan) = self.plan.clone() else {
            return Err(DeliveryError::Internal("render called without a plan".into()));
        };
        let version = &record.version;
        if version.mime == SVG_MIME && self.keeps_svg() {
            return Ok(Rendered {
                bytes: body,
                mime: SVG_MIME,
            });
        }
        let source_format = OutputFormat::of_source(&version.mime, version.has_alpha);
        let output = self.output_format(source_format, version.has_alpha)?;
        let options = format_options(&plan);
        let quality = plan
            .steps
            .iter()
            .rev()
            .find_map(|s| s.quality)
            .unwrap_or(DEFAULT_QUALITY);
        let background = plan.steps.iter().rev().find_map(|s| match s.background {
            Some(Background::Color(c)) => Some(rgba(c)),
            _ => None,
        });
        let coordinates = version.custom_coordinates.clone();
        let planned = match (from_working, version.width, version.height) {
            (true, Some(w), Some(h)) => u32::try_from(w).ok().zip(u32::try_from(h).ok()),
            _ => None,
        };
        let task = tokio::task::spawn_blocking(move || {
            let mut queue: VecDeque<Step> = plan.steps.into_iter().collect();
            let mut source: Option<(u32, u32)> = None;
            let budget = Cell::new(pipeline::MAX_OUTPUT_PIXELS);
            let ctx = layers::Ctx {
                coordinates: coordinates.as_deref(),
                base: (0, 0),
                files: &files,
                budget: &budget,
            };
            pipeline::render_with(
                &body,
                planned,
                &options,
                |w, h| {
                    let (iw, ih) = *source.get_or_insert((w, h));
                    next_step(&mut queue, w, h, iw, ih, &ctx)
                },
                |_| Output {
                    format: output,
                    quality,
                    background: background.unwrap_or(Rgba([255, 255, 255, 255])),
                },
            )
        });
        let rendered = task
            .await
            .map_err(|e| DeliveryError::Internal(format!("render task: {e}")))?;
        rendered.map_err(|e| match e {
            pipeline::RenderError::Internal(detail) => DeliveryError::Internal(detail),
            pipeline::RenderError::Unsupported(_) | pipeline::RenderError::OutputTooLarge { .. } => {
                DeliveryError::BadTransformation(e.to_string())
            }
            other => DeliveryError::Unprocessable(other.to_string()),
        })
    }

    /// SVG is rasterised only for an explicit raster format (spec §6.2 `f`).
    fn keeps_svg(&self) -> bool {
        matches!(
            self.format,
            None | Some(Format::Auto | Format::Orig | Format::Svg)
        )
    }

    fn output_format(&self, source: OutputFormat, has_alpha: bool) -> Result<OutputFormat, DeliveryError> {
        Ok(match self.format {
            // AVIF is not negotiated: its encoder is too slow for a default (pipeline/encode_avif.rs).
            None | Some(Format::Auto) => match source {
                OutputFormat::Jpeg | OutputFormat::Png | OutputFormat::Webp if self.accepts_webp => {
                    OutputFormat::Webp
                }
                OutputFormat::Webp if has_alpha => OutputFormat::Png,
                OutputFormat::Webp => OutputFormat::Jpeg,
                other => other,
            },
            Some(Format::Avif) => OutputFormat::Avif,
            Some(Format::Orig) => source,
            Some(Format::Jpg) => OutputFormat::Jpeg,
            Some(Format::Png) => OutputFormat::Png,
            Some(Format::Webp) => OutputFormat::Webp,
            Some(Format::Gif) => OutputFormat::Gif,
            Some(other) => {
                return Err(DeliveryError::BadTransformation(format!(
                    "The output format '{other}' is not supported by this server."
                )));
            }
        })
    }
}

const SVG_MIME: &str = "image/svg+xml";

/// `lo`, `pr`, `cp`, `md` and `dn`: the last step that sets one decides it.
fn format_options(plan: &Plan) -> pipeline::Options {
    let last = |get: fn(&Step) -> Option<bool>| plan.steps.iter().rev().find_map(get).unwrap_or(false);
    pipeline::Options {
        lossless: last(|s| s.lossless),
        progressive: last(|s| s.progressive),
        keep_profile: last(|s| s.color_profile),
        keep_metadata: last(|s| s.metadata),
        density: plan.steps.iter().rev().find_map(|s| s.density),
        page: plan
            .steps
            .iter()
            .rev()
            .find_map(|s| s.page.as_deref())
            .and_then(|p| p.parse().ok()),
    }
}

/// The next step to apply, with if-blocks evaluated against the current image. `iw`/`ih` in
/// expressions and conditions are the input of the step (the previous step's result);
/// the `iw`/`ih` parameters are the original's size, which `customCoordinates` refer to.
/// A step's layers are painted after its other parameters, as a step of their own, so they
/// are placed on the image that step made.
pub(crate) fn next_step(
    queue: &mut VecDeque<Step>,
    w: u32,
    h: u32,
    iw: u32,
    ih: u32,
    ctx: &layers::Ctx,
) -> Result<Option<StepSpec>, pipeline::RenderError> {
    while let Some(mut step) = queue.pop_front() {
        if let Some(conditional) = &step.conditional {
            let vars = CondVars {
                w: f64::from(w),
                h: f64::from(h),
                iw: f64::from(w),
                ih: f64::from(h),
            };
            let branch = if conditional.condition.eval(&vars) {
                &conditional.then
            } else {
                &conditional.otherwise
            };
            for s in branch.iter().rev() {
                queue.push_front(s.clone());
            }
            continue;
        }
        if !step.overlays.is_empty() {
            let overlays = std::mem::take(&mut step.overlays);
            if step.is_empty() {
                return layers::prepare(&overlays, w, h, ctx).map(Some);
            }
            queue.push_front(Step {
                overlays,
                ..Step::default()
            });
        }
        return resolve(&step, w, h, iw, ih, ctx.coordinates, ctx.base).map(Some);
    }
    Ok(None)
}

fn unsupported(what: &str) -> pipeline::RenderError {
    pipeline::RenderError::Unsupported(what.to_owned())
}

fn rgba(c: transform::Rgba) -> Rgba<u8> {
    Rgba([c.r, c.g, c.b, c.a])
}

/// A step's parameters in pixels of the image it applies to.
pub(crate) fn resolve(
    step: &Step,
    w: u32,
    h: u32,
    iw: u32,
    ih: u32,
    coordinates: Option<&str>,
    base: (u32, u32),
) -> Result<StepSpec, pipeline::RenderError> {
    if step.page.as_deref().is_some_and(|p| p.parse::<u32>().is_err()) {
        return Err(unsupported("pg with a range, a list or a layer name"));
    }
    let vars = Vars {
        iw: f64::from(w),
        ih: f64::from(h),
        cw: f64::from(w),
        ch: f64::from(h),
        bw: f64::from(base.0),
        bh: f64::from(base.1),
    };
    let px = |dim: &Option<Dim>, of: u32| -> Result<Option<f64>, pipeline::RenderError> {
        Ok(match dim {
            None | Some(Dim::Auto) => None,
            Some(Dim::Px(v)) | Some(Dim::Ratio(v)) => Some(*v),
            Some(Dim::Fraction(f)) => Some(f * f64::from(of)),
            Some(Dim::Expr(e)) => Some(
                e.eval(&vars)
                    .ok_or_else(|| unsupported("an expression that cannot be evaluated"))?,
            ),
        })
    };
    let mut width = px(&step.width, w)?;
    let mut height = px(&step.height, h)?;
    if let Some(Dpr::Value(dpr)) = step.dpr {
        let scaled = |v: Option<f64>| v.map(|v| v * dpr);
        let fits = |v: Option<f64>| v.is_none_or(|v| (1.0..=MAX_DPR_SIDE).contains(&v));
        if fits(scaled(width)) && fits(scaled(height)) {
            width = scaled(width);
            height = scaled(height);
        }
    }
    let to_px = |v: Option<f64>| {
        v.filter(|v| *v >= 0.5)
            .map(|v| v.round().min(f64::from(u32::MAX)) as u32)
    };
    let (x, y, xc, yc) = (
        px(&step.x, w)?,
        px(&step.y, h)?,
        px(&step.x_center, w)?,
        px(&step.y_center, h)?,
    );
    let mut spec = StepSpec {
        geometry: Request {
            width: to_px(width),
            height: to_px(height),
            aspect_ratio: px(&step.aspect_ratio, 1)?,
            strategy: strategy(step.crop),
            mode: step.crop_mode.map(mode),
            anchor: Anchor::default(),
        },
        ..StepSpec::default()
    };
    spec.geometry.anchor = match (x, y, xc, yc) {
        (Some(_), _, _, _) | (_, Some(_), _, _) => {
            Anchor::TopLeft(x.unwrap_or(0.0) as i64, y.unwrap_or(0.0) as i64)
        }
        (_, _, Some(_), _) | (_, _, _, Some(_)) => Anchor::Center(
            xc.unwrap_or(f64::from(w) / 2.0) as i64,
            yc.unwrap_or(f64::from(h) / 2.0) as i64,
        ),
        _ => focus_anchor(step.focus.as_ref(), coordinates, iw, ih, &mut spec.auto_focus),
    };
    spec.effects = effect_step::effects(step)?;
    if let Some(Background::Color(c)) = step.background {
        spec.background = rgba(c);
    }
    if let Some((dim, colour)) = &step.border {
        let width = px(&Some(dim.clone()), w)?.unwrap_or(0.0).round().max(0.0) as u32;
        spec.border = Some((width, rgba(*colour)));
    }
    spec.radius = match step.radius {
        None => None,
        Some(Radius::Max) => Some(None),
        Some(Radius::Px(r)) => Some(Some(r)),
        Some(Radius::Corners(c)) => Some(Some(c.into_iter().max().unwrap_or(0))),
    };
    spec.rotate = match step.rotation {
        Some(Rotation::Degrees(d)) => Some(d),
        Some(Rotation::Auto) | None => None,
    };
    (spec.flip_horizontal, spec.flip_vertical) = match step.flip {
        Some(Flip::H) => (true, false),
        Some(Flip::V) => (false, true),
        Some(Flip::Both) => (true, true),
        None => (false, false),
    };
    spec.blur = step.blur.map(|b| f32::from(b) / 2.0);
    for effect in &step.effects {
        match effect {
            Effect::Grayscale => spec.grayscale = true,
            Effect::Contrast => spec.contrast = true,
            Effect::Sharpen(amount) => {
                spec.sharpen = Some(amount.map_or(1.0, |a| (a as f32 / 10.0).max(0.5)))
            }
            Effect::Usm { sigma, .. } => spec.sharpen = Some(*sigma as f32),
            other => effect_step::effect(other, &mut spec.effects, &vars)?,
        }
    }
    Ok(spec)
}

fn strategy(crop: Option<Crop>) -> Strategy {
    match crop {
        None | Some(Crop::MaintainRatio) => Strategy::MaintainRatio,
        Some(Crop::MaintainRatioNoEnlarge) => Strategy::MaintainRatioNoEnlarge,
        Some(Crop::Force) => Strategy::Force,
        Some(Crop::AtMax) => Strategy::AtMax,
        Some(Crop::AtMaxEnlarge) => Strategy::AtMaxEnlarge,
        Some(Crop::AtLeast) => Strategy::AtLeast,
    }
}

fn mode(mode: CropMode) -> Mode {
    match mode {
        CropMode::PadResize => Mode::PadResize,
        CropMode::PadResizeNoEnlarge => Mode::PadResizeNoEnlarge,
        CropMode::Extract => Mode::Extract,
        CropMode::PadExtract | CropMode::PadExtractNoShrink => Mode::PadExtract,
    }
}

/// The anchor of a focus; content-based focuses set `auto` and keep the centre for now.
fn focus_anchor(focus: Option<&Focus>, coordinates: Option<&str>, w: u32, h: u32, auto: &mut bool) -> Anchor {
    let gravity = |x: f64, y: f64| Anchor::Gravity(x, y);
    match focus {
        None | Some(Focus::Center) => Anchor::default(),
        Some(Focus::Top) => gravity(0.5, 0.0),
        Some(Focus::Bottom) => gravity(0.5, 1.0),
        Some(Focus::Left) => gravity(0.0, 0.5),
        Some(Focus::Right) => gravity(1.0, 0.5),
        Some(Focus::TopLeft) => gravity(0.0, 0.0),
        Some(Focus::TopRight) => gravity(1.0, 0.0),
        Some(Focus::BottomLeft) => gravity(0.0, 1.0),
        Some(Focus::BottomRight) => gravity(1.0, 1.0),
        Some(Focus::Custom) => custom_gravity(coordinates, w, h).unwrap_or_default(),
        Some(Focus::Auto | Focus::Face | Focus::Object(_)) => {
            *auto = true;
            Anchor::default()
        }
    }
}

/// `fo-custom`: the centre of the file's `customCoordinates` (`x,y,w,h`) as a gravity.
fn custom_gravity(coordinates: Option<&str>, w: u32, h: u32) -> Option<Anchor> {
    let parts: Vec<f64> = coordinates?
        .split(',')
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    let [x, y, cw, ch] = parts.as_slice() else {
        return None;
    };
    let gx = ((x + cw / 2.0) / f64::from(w.max(1))).clamp(0.0, 1.0);
    let gy = ((y + ch / 2.0) / f64::from(h.max(1))).clamp(0.0, 1.0);
    Some(Anchor::Gravity(gx, gy))
}

#[cfg(test)]
mod format_tests;
