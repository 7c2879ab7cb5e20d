//! EXIF in the Metadata object (groups, names, JSON types) and the flattened
//! `embeddedMetadata`, from hand-built EXIF blocks in JPEG APP1 and PNG eXIf.

mod support;

use image::DynamicImage;
use imagemeta::{embedded_metadata, metadata};
use serde_json::{Value, json};
use support::images::{self, insert_jpeg_segment, iptc_app13, jpeg, pattern};
use support::tiff::{ExifBlock, Val, camera_exif};

const APP1: u8 = 0xE1;
const APP13: u8 = 0xED;

fn jpeg_with_exif(block: &ExifBlock) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(block.build());
    insert_jpeg_segment(&jpeg(&pattern(32, 24, 1), 85), APP1, &payload)
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[test]
fn groups_names_and_types() {
    for big_endian in [false, true] {
        let meta = metadata(&jpeg_with_exif(&camera_exif(big_endian))).expect("metadata");
        let exif = &meta["exif"];
        let image = &exif["image"];
        assert_eq!(image["Make"], "Canon");
        assert_eq!(image["Model"], "Canon EOS 40D");
        assert_eq!(image["Orientation"], 6);
        assert!(image["Orientation"].is_u64());
        assert!(close(&image["XResolution"], 300.0) && image["XResolution"].is_f64());
        assert_eq!(image["ResolutionUnit"], 2);
        assert_eq!(image["ModifyDate"], "2008:07:31 10:38:11");
        assert!(image["ExifOffset"].is_u64() && image["GPSInfo"].is_u64());

        let thumbnail = &exif["thumbnail"];
        assert_eq!(thumbnail["Compression"], 6);
        assert_eq!(thumbnail["ThumbnailOffset"], 1090);
        assert_eq!(thumbnail["ThumbnailLength"], 1378);

        let details = &exif["exif"];
        assert!(close(&details["ExposureTime"], 0.00625));
        assert!(close(&details["FNumber"], 7.1));
        assert_eq!(details["ISO"], 100);
        assert_eq!(details["ExifVersion"], "0221");
        assert_eq!(details["DateTimeOriginal"], "2019:08:24 06:14:41");
        assert_eq!(details["CreateDate"], "2019:08:24 06:14:41");
        assert!(close(&details["ExposureCompensation"], -2.0 / 3.0));
        assert_eq!(details["UserComment"], "a comment");
        assert_eq!(details["ExifImageWidth"], 4000);
        assert_eq!(details["ExifImageHeight"], 3000);
        assert_eq!(details["SceneType"], 1);
        assert!(details["InteropOffset"].is_u64());
        assert!(details.get("MakerNote").is_none());

        let gps = &exif["gps"];
        assert_eq!(gps["GPSVersionID"], json!([2, 2, 0, 0]));
        assert_eq!(gps["GPSLatitudeRef"], "S");
        assert_eq!(gps["GPSLatitude"], json!([33.0, 51.0, 54.45]));
        assert_eq!(gps["GPSLongitude"], json!([151.0, 12.0, 3.0]));
        assert_eq!(gps["GPSAltitudeRef"], 0);
        assert!(close(&gps["GPSAltitude"], 123.4));

        assert_eq!(
            exif["interoperability"],
            json!({"InteropIndex": "R98", "InteropVersion": "0100"})
        );
        assert_eq!(exif["makernote"], json!({}));
        assert_eq!(meta["density"], 300);
    }
}

#[test]
fn groups_are_present_even_when_empty() {
    let block = ExifBlock {
        ifd0: vec![(0x010F, Val::Ascii("Nikon"))],
        ..ExifBlock::default()
    };
    let meta = metadata(&jpeg_with_exif(&block)).expect("metadata");
    assert_eq!(
        meta["exif"],
        json!({
            "image": {"Make": "Nikon"}, "thumbnail": {}, "exif": {}, "gps": {},
            "interoperability": {}, "makernote": {}
        })
    );
}

#[test]
fn exif_in_png_is_read() {
    let exif = camera_exif(false).build();
    let png = images::png_with(&DynamicImage::ImageRgb8(pattern(16, 16, 1)), None, Some(exif));
    let meta = metadata(&png).expect("metadata");
    assert_eq!(meta["exif"]["image"]["Make"], "Canon");
    assert_eq!(embedded_metadata(&png)["Model"], "Canon EOS 40D");
}

#[test]
fn embedded_metadata_is_flat_with_iso_dates_and_decimal_gps() {
    let flat = embedded_metadata(&jpeg_with_exif(&camera_exif(false)));
    assert_eq!(flat["Make"], "Canon");
    assert_eq!(flat["Orientation"], 6);
    assert_eq!(flat["ISO"], 100);
    assert_eq!(flat["ModifyDate"], "2008-07-31T10:38:11.000Z");
    assert_eq!(flat["DateTimeOriginal"], "2019-08-24T06:14:41.250Z");
    assert_eq!(flat["CreateDate"], "2019-08-24T06:14:41.000Z");
    assert!(close(
        &flat["GPSLatitude"],
        -(33.0 + 51.0 / 60.0 + 54.45 / 3600.0)
    ));
    assert!(close(&flat["GPSLongitude"], 151.0 + 12.0 / 60.0 + 3.0 / 3600.0));
    assert!(close(&flat["GPSAltitude"], 123.4));
    assert_eq!(flat["GPSVersionID"], json!([2, 2, 0, 0]));
    assert_eq!(flat["InteropIndex"], "R98");
    assert_eq!(flat["ExifImageWidth"], 4000);
    assert_eq!(flat["ImageWidth"], 32);
    assert_eq!(flat["ImageHeight"], 24);
    // The thumbnail IFD and the IFD pointers are not flattened.
    for absent in [
        "ThumbnailOffset",
        "Compression",
        "ExifOffset",
        "GPSInfo",
        "MakerNote",
    ] {
        assert!(flat.get(absent).is_none(), "{absent} should be absent");
    }
}

#[test]
fn embedded_metadata_reads_iptc() {
    let with_iptc = insert_jpeg_segment(
        &jpeg(&pattern(16, 16, 1), 80),
        APP13,
        &iptc_app13(&["beach", "sunset"], "Evening at the beach"),
    );
    let flat = embedded_metadata(&with_iptc);
    assert_eq!(flat["Keywords"], json!(["beach", "sunset"]));
    assert_eq!(flat["Caption-Abstract"], "Evening at the beach");
    assert_eq!(flat["DateCreated"], "2019-08-24T00:00:00.000Z");
    assert_eq!(flat["ImageWidth"], 16);

    let single = insert_jpeg_segment(&jpeg(&pattern(16, 16, 1), 80), APP13, &iptc_app13(&["one"], "c"));
    assert_eq!(embedded_metadata(&single)["Keywords"], json!(["one"]));
}

#[test]
fn no_metadata_gives_empty_map() {
    assert!(embedded_metadata(&jpeg(&pattern(16, 16, 1), 80)).is_empty());
    assert!(embedded_metadata(&images::png(&DynamicImage::ImageRgb8(pattern(8, 8, 1)))).is_empty());
    assert!(embedded_metadata(b"not an image").is_empty());
    assert!(embedded_metadata(b"").is_empty());
}
