//! The part of `transform_step::resolve` for trim, opacity, colour replace, the special
//! backgrounds and the effects with arguments: parsed values to `pipeline::effects::Effects`.

use image::Rgba;
use transform::{Background, BlurIntensity, Dim, Effect, Step, Trim, Vars};

use crate::pipeline::RenderError;
use crate::pipeline::effects::{BackgroundFill, ColorReplace, Effects, LinearGradient, Shadow, Stop};

/// `bg-blurred` without an intensity.
const AUTO_BLUR_INTENSITY: u8 = 50;

fn rgba(c: transform::Rgba) -> Rgba<u8> {
    Rgba([c.r, c.g, c.b, c.a])
}

/// Everything of `step` that `Effects` holds, except the effects of `step.effects` (see
/// [`effect`]).
pub fn effects(step: &Step) -> Result<Effects, RenderError> {
    Ok(Effects {
        trim: match step.trim {
            Some(Trim::Default) => Some(crate::pipeline::trim::DEFAULT_THRESHOLD),
            Some(Trim::Threshold(t)) => Some(t),
            Some(Trim::Off) | None => None,
        },
        fill: fill(step.background.as_ref())?,
        rotate_fill: match step.background {
            Some(Background::Color(c)) => Some(rgba(c)),
            _ => None,
        },
        color_replace: step.color_replace.map(|cr| ColorReplace {
            to: rgba(cr.to),
            tolerance: cr
                .tolerance
                .unwrap_or(crate::pipeline::effects::DEFAULT_TOLERANCE),
            from: cr.from.map(rgba),
        }),
        opacity: step.opacity,
        ..Effects::default()
    })
}

fn fill(background: Option<&Background>) -> Result<Option<BackgroundFill>, RenderError> {
    Ok(match background {
        None | Some(Background::Color(_)) => None,
        Some(Background::Blurred {
            intensity,
            brightness,
        }) => Some(BackgroundFill::Blurred {
            intensity: match intensity {
                Some(BlurIntensity::Value(v)) => *v,
                Some(BlurIntensity::Auto) | None => AUTO_BLUR_INTENSITY,
            },
            brightness: brightness.unwrap_or(0),
        }),
        Some(Background::Dominant) => Some(BackgroundFill::Dominant),
        Some(Background::GradientDominant(n)) => Some(BackgroundFill::GradientDominant(*n)),
        Some(other) => {
            return Err(RenderError::Unsupported(format!("bg-{other}")));
        }
    })
}

/// Sets an effect of `step.effects` that has arguments; `vars` resolve expressions.
pub fn effect(effect: &Effect, effects: &mut Effects, vars: &Vars) -> Result<(), RenderError> {
    match effect {
        Effect::Colorize { color, intensity } => effects.colorize = Some((rgba(*color), *intensity)),
        Effect::Distort(distort) => effects.distort = Some(*distort),
        Effect::Gradient(g) => {
            let stop = match &g.stop {
                Dim::Fraction(f) => Stop::Fraction(*f),
                Dim::Px(p) => Stop::Pixels(*p),
                Dim::Expr(e) => Stop::Pixels(e.eval(vars).ok_or_else(|| {
                    RenderError::Unsupported("a gradient stop expression that cannot be evaluated".into())
                })?),
                Dim::Auto | Dim::Ratio(_) => Stop::Fraction(1.0),
            };
            effects.gradient = Some(LinearGradient {
                direction: g.direction,
                from: rgba(g.from),
                to: rgba(g.to),
                stop,
            });
        }
        Effect::Shadow {
            blur,
            saturation,
            x,
            y,
        } => {
            effects.shadow = Some(Shadow {
                blur: *blur,
                saturation: *saturation,
                x: *x,
                y: *y,
            })
        }
        other => return Err(RenderError::Unsupported(format!("the effect {}", other.key()))),
    }
    Ok(())
}

#[cfg(test)]
mod tests;
