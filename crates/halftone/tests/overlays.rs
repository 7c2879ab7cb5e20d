//! Black-box: overlay layers read other files of the media library through the real binary;
//! a missing layer file is a 404 JSON error naming it, a private one needs a signed URL.

mod common;

use common::{Server, data_path, json_of, temp_dir, upload};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

fn encoded(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, format).expect("encode");
    out.into_inner()
}

async fn put(server: &Server, name: &str, bytes: &[u8], private: bool) {
    let private = if private { "true" } else { "false" };
    let fields = [
        ("fileName", name),
        ("useUniqueFileName", "false"),
        ("isPrivateFile", private),
    ];
    let (status, body) = upload(server, &fields, Some((name, bytes))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["filePath"], format!("/{name}"), "{body}");
}

#[tokio::test]
async fn image_layers_read_library_files() {
    let dir = temp_dir();
    let server = Server::start(&data_path(&dir), &[]);
    let base = RgbImage::from_pixel(120, 90, Rgb([255, 255, 255]));
    put(
        &server,
        "base.jpg",
        &encoded(base.into(), ImageFormat::Jpeg),
        false,
    )
    .await;
    let logo = RgbaImage::from_pixel(30, 20, Rgba([0, 0, 255, 255]));
    put(
        &server,
        "logo.png",
        &encoded(logo.into(), ImageFormat::Png),
        false,
    )
    .await;
    let secret = RgbaImage::from_pixel(10, 10, Rgba([255, 0, 0, 255]));
    put(
        &server,
        "secret.png",
        &encoded(secret.into(), ImageFormat::Png),
        true,
    )
    .await;

    let url = format!(
        "{}/tr:l-image,i-logo.png,lx-10,ly-10,l-end/base.jpg",
        server.endpoint
    );
    let response = reqwest::get(&url).await.expect("delivery");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers().get("content-type").map(|v| v.as_bytes()),
        Some(&b"image/jpeg"[..])
    );
    let bytes = response.bytes().await.expect("body");
    let image = image::load_from_memory(&bytes).expect("a JPEG").to_rgb8();
    assert_eq!(image.dimensions(), (120, 90));
    let logo_spot = image.get_pixel(25, 20);
    assert!(
        logo_spot[2] > 200 && logo_spot[0] < 50,
        "logo pixel {logo_spot:?}"
    );
    let outside = image.get_pixel(60, 60);
    assert!(outside.0.iter().all(|c| *c > 220), "base pixel {outside:?}");

    let missing = format!(
        "{}/tr:l-image,i-nowhere@@gone.png,l-end/base.jpg",
        server.endpoint
    );
    let (status, body) = json_of(reqwest::get(&missing).await.expect("delivery")).await;
    assert_eq!(status, 404, "{body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains("/nowhere/gone.png"), "{body}");

    for bad in [
        "l-image,i-logo.png,lm-displace,l-end",
        "l-text,i-Hi,ff-Lato,l-end",
        "l-image,i-ik_canvas,w-70000,l-end",
    ] {
        let url = format!("{}/tr:{bad}/base.jpg", server.endpoint);
        let (status, body) = json_of(reqwest::get(&url).await.expect("delivery")).await;
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(body["message"].is_string(), "{body}");
    }

    // A private layer needs a signed URL; the signed answer is cached as private, so the
    // same URL without the signature is still refused.
    let relative = "tr:l-image,i-secret.png,l-end/base.jpg";
    let signature = delivery::sign(&format!("{relative}9999999999"), &server.private_key);
    let signed = format!("{}/{relative}?ik-s={signature}", server.endpoint);
    let response = reqwest::get(&signed).await.expect("delivery");
    assert_eq!(response.status(), 200);
    let image = image::load_from_memory(&response.bytes().await.expect("body"))
        .expect("a JPEG")
        .to_rgb8();
    let centre = image.get_pixel(60, 45);
    assert!(
        centre[0] > 200 && centre[1] < 60,
        "private layer pixel {centre:?}"
    );
    let unsigned = format!("{}/{relative}", server.endpoint);
    for _ in 0..2 {
        let (status, body) = json_of(reqwest::get(&unsigned).await.expect("delivery")).await;
        assert_eq!(status, 401, "{body}");
    }

    let text = format!(
        "{}/tr:l-text,i-Hi,fs-40,co-FF0000,bg-00FF00,lfo-top_left,l-end/base.jpg",
        server.endpoint
    );
    let response = reqwest::get(&text).await.expect("delivery");
    assert_eq!(response.status(), 200);
    let image = image::load_from_memory(&response.bytes().await.expect("body"))
        .expect("a JPEG")
        .to_rgb8();
    let green = image.get_pixel(2, 2);
    assert!(green[1] > 200 && green[0] < 60, "text box {green:?}");
    let reds = image
        .pixels()
        .filter(|p| p[0] > 200 && p[1] < 80 && p[2] < 80)
        .count();
    assert!(reds > 50, "red text pixels: {reds}");
}
