//! Output-format negotiation: `f-auto` (and no `f`) by `Accept`, explicit formats, SVG sources.
#![allow(clippy::unwrap_used, reason = "test URLs are valid")]

use super::*;
use crate::routes::Route;

fn prepared(url: &str, accept: Option<&str>) -> Prepared {
    let target = Target::parse(url).unwrap();
    Prepared::new(&target, accept, &HashMap::new()).unwrap()
}

const WEBP_ACCEPT: Option<&str> = Some("image/avif,image/webp,image/apng,*/*;q=0.8");

#[test]
fn f_auto_picks_webp_for_photos_and_graphics_when_accepted() {
    for url in ["/tr:w-100/a.jpg", "/tr:w-100,f-auto/a.jpg"] {
        let p = prepared(url, WEBP_ACCEPT);
        assert_eq!(
            p.output_format(OutputFormat::Jpeg, false).unwrap(),
            OutputFormat::Webp
        );
        assert_eq!(
            p.output_format(OutputFormat::Png, true).unwrap(),
            OutputFormat::Webp
        );
        assert_eq!(
            p.output_format(OutputFormat::Gif, false).unwrap(),
            OutputFormat::Gif
        );
        assert!(p.vary_accept());
    }
}

#[test]
fn f_auto_without_webp_keeps_the_source_or_leaves_webp() {
    let p = prepared("/tr:w-100/a.jpg", Some("image/png,image/jpeg"));
    assert_eq!(
        p.output_format(OutputFormat::Jpeg, false).unwrap(),
        OutputFormat::Jpeg
    );
    assert_eq!(
        p.output_format(OutputFormat::Png, true).unwrap(),
        OutputFormat::Png
    );
    assert_eq!(
        p.output_format(OutputFormat::Webp, false).unwrap(),
        OutputFormat::Jpeg
    );
    assert_eq!(
        p.output_format(OutputFormat::Webp, true).unwrap(),
        OutputFormat::Png
    );
}

#[test]
fn negotiated_variants_have_their_own_cache_keys() {
    let key = |url: &str, accept: Option<&str>| {
        Route::new(url.into(), &prepared(url, accept), None)
            .key(accepts_webp(accept))
            .to_owned()
    };
    let webp = key("/tr:w-100/a.jpg", WEBP_ACCEPT);
    let plain = key("/tr:w-100/a.jpg", Some("image/jpeg"));
    let none = key("/tr:w-100/a.jpg", None);
    assert_ne!(webp, plain);
    assert_eq!(plain, none);
    // An explicit format does not depend on Accept.
    let explicit = prepared("/tr:w-100,f-avif/a.jpg", WEBP_ACCEPT);
    assert!(!explicit.vary_accept());
    assert_eq!(
        key("/tr:w-100,f-avif/a.jpg", WEBP_ACCEPT),
        "/tr:w-100,f-avif/a.jpg"
    );
}

#[test]
fn explicit_formats() {
    let format = |f: &str| {
        prepared(&format!("/tr:w-100,f-{f}/a.jpg"), WEBP_ACCEPT).output_format(OutputFormat::Jpeg, false)
    };
    assert_eq!(format("avif").unwrap(), OutputFormat::Avif);
    assert_eq!(format("webp").unwrap(), OutputFormat::Webp);
    assert_eq!(format("png").unwrap(), OutputFormat::Png);
    assert_eq!(format("orig").unwrap(), OutputFormat::Jpeg);
    assert!(matches!(format("svg"), Err(DeliveryError::BadTransformation(_))));
}

#[test]
fn svg_is_rasterised_only_for_an_explicit_raster_format() {
    for url in [
        "/tr:w-100/a.svg",
        "/tr:w-100,f-auto/a.svg",
        "/tr:w-100,f-svg/a.svg",
        "/tr:w-100,f-orig/a.svg",
    ] {
        assert!(prepared(url, WEBP_ACCEPT).keeps_svg(), "{url}");
    }
    for url in [
        "/tr:w-100,f-png/a.svg",
        "/tr:w-100,f-jpg/a.svg",
        "/tr:w-100,f-webp/a.svg",
    ] {
        assert!(!prepared(url, WEBP_ACCEPT).keeps_svg(), "{url}");
    }
}

#[test]
fn format_options_take_the_last_step_that_sets_them() {
    let plan = transform::parse("lo-true,pr-true,dn-144:cp-true,md-true:lo-false").unwrap();
    let options = format_options(&plan);
    assert_eq!(
        options,
        pipeline::Options {
            lossless: false,
            progressive: true,
            keep_profile: true,
            keep_metadata: true,
            density: Some(144),
            page: None,
        }
    );
}
