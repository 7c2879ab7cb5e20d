//! IPTC-IIM application records (keywords, caption, credit...) from a JPEG's Photoshop APP13
//! block (image resource 0x0404), named as ExifTool and ImageKit name them. Text is read as
//! UTF-8 when valid, else as Latin-1. Other containers' IPTC is not read.

/// One IPTC dataset: its ExifTool name and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dataset {
    pub name: &'static str,
    pub text: String,
}

const IPTC_RESOURCE: u16 = 0x0404;
const TAG_MARKER: u8 = 0x1C;
const APPLICATION_RECORD: u8 = 2;

/// Record 2 datasets and their ExifTool names.
const NAMES: &[(u8, &str)] = &[
    (5, "ObjectName"),
    (7, "EditStatus"),
    (10, "Urgency"),
    (15, "Category"),
    (20, "SupplementalCategories"),
    (25, "Keywords"),
    (40, "SpecialInstructions"),
    (55, "DateCreated"),
    (60, "TimeCreated"),
    (80, "By-line"),
    (85, "By-lineTitle"),
    (90, "City"),
    (92, "Sub-location"),
    (95, "Province-State"),
    (100, "Country-PrimaryLocationCode"),
    (101, "Country-PrimaryLocationName"),
    (103, "OriginalTransmissionReference"),
    (105, "Headline"),
    (110, "Credit"),
    (115, "Source"),
    (116, "CopyrightNotice"),
    (118, "Contact"),
    (120, "Caption-Abstract"),
    (122, "Writer-Editor"),
];

/// The named datasets of every IPTC block inside the given Photoshop APP13 payloads.
pub(crate) fn datasets(photoshop_blocks: &[&[u8]]) -> Vec<Dataset> {
    photoshop_blocks
        .iter()
        .flat_map(|block| resources(block, IPTC_RESOURCE))
        .flat_map(records)
        .collect()
}

/// The data of every `8BIM` image resource with `id` in a Photoshop resource block.
fn resources(mut block: &[u8], id: u16) -> Vec<&[u8]> {
    let mut found = Vec::new();
    while let Some((resource_id, data, rest)) = next_resource(block) {
        if resource_id == id {
            found.push(data);
        }
        block = rest;
    }
    found
}

fn next_resource(block: &[u8]) -> Option<(u16, &[u8], &[u8])> {
    let rest = block.strip_prefix(b"8BIM")?;
    let id = u16::from_be_bytes([*rest.first()?, *rest.get(1)?]);
    let name_length = usize::from(*rest.get(2)?);
    let padded_name = (1 + name_length).next_multiple_of(2);
    let rest = rest.get(2 + padded_name..)?;
    let size = usize::try_from(u32::from_be_bytes(rest.get(..4)?.try_into().ok()?)).ok()?;
    let data = rest.get(4..4usize.checked_add(size)?)?;
    let next = rest.get((4 + size).next_multiple_of(2)..).unwrap_or_default();
    Some((id, data, next))
}

/// The named application-record datasets of one IIM stream.
fn records(mut iim: &[u8]) -> Vec<Dataset> {
    let mut found = Vec::new();
    while let [TAG_MARKER, record, dataset, high, low, rest @ ..] = iim {
        if high & 0x80 != 0 {
            break; // extended-length datasets only carry binary objects
        }
        let length = usize::from(u16::from_be_bytes([*high, *low]));
        let Some(data) = rest.get(..length) else { break };
        if *record == APPLICATION_RECORD
            && let Some((_, name)) = NAMES.iter().find(|(number, _)| number == dataset)
        {
            found.push(Dataset {
                name,
                text: decode(data),
            });
        }
        iim = &rest[length..];
    }
    found
}

fn decode(data: &[u8]) -> String {
    let text = match std::str::from_utf8(data) {
        Ok(text) => text.to_owned(),
        Err(_) => data.iter().map(|&b| char::from(b)).collect(),
    };
    text.trim_end_matches(['\0', ' ']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(record: u8, number: u8, text: &[u8]) -> Vec<u8> {
        let mut out = vec![TAG_MARKER, record, number];
        out.extend(u16::try_from(text.len()).expect("short").to_be_bytes());
        out.extend_from_slice(text);
        out
    }

    fn photoshop_block(iim: &[u8]) -> Vec<u8> {
        let mut block = b"8BIM\x03\xED\0\0\0\0\0\x02ab".to_vec(); // an unrelated resource
        block.extend(b"8BIM\x04\x04\0\0");
        block.extend(u32::try_from(iim.len()).expect("short").to_be_bytes());
        block.extend_from_slice(iim);
        block
    }

    #[test]
    fn reads_keywords_and_caption() {
        let mut iim = dataset(1, 90, b"\x1b%G");
        iim.extend(dataset(2, 25, b"beach"));
        iim.extend(dataset(2, 25, b"sunset"));
        iim.extend(dataset(2, 120, "Caf\u{e9} by the sea".as_bytes()));
        iim.extend(dataset(2, 116, b"\xA9 Jane"));
        iim.extend(dataset(2, 200, b"unknown"));
        let block = photoshop_block(&iim);
        let found = datasets(&[&block]);
        let pairs: Vec<(&str, &str)> = found.iter().map(|d| (d.name, d.text.as_str())).collect();
        assert_eq!(
            pairs,
            vec![
                ("Keywords", "beach"),
                ("Keywords", "sunset"),
                ("Caption-Abstract", "Caf\u{e9} by the sea"),
                ("CopyrightNotice", "\u{a9} Jane"),
            ]
        );
        for len in 0..block.len() {
            assert!(datasets(&[&block[..len]]).len() <= 4);
        }
    }
}
