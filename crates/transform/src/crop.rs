//! Resize and crop choices: `c` (crop strategy), `cm` (crop mode), `fo` (focus, including COCO
//! object names for object-aware cropping) and the nine-point gravity of `lfo` / `lap`.

use std::fmt;

use crate::keyword::keywords;

keywords! {
    /// `c-…`: how to fit the source into a `w`×`h` box. Default `maintain_ratio`.
    Crop {
        /// Cover the box, then cut the excess around the focus (the default).
        MaintainRatio = "maintain_ratio",
        /// Stretch to exactly `w`×`h`, ignoring the aspect ratio.
        Force = "force",
        /// Fit inside the box, never enlarging.
        AtMax = "at_max",
        /// Fit inside the box, enlarging if needed.
        AtMaxEnlarge = "at_max_enlarge",
        /// Cover the box (one side equal, the other larger); nothing cut.
        AtLeast = "at_least",
        /// As `maintain_ratio`, but never enlarging.
        MaintainRatioNoEnlarge = "maintain_ratio_no_enlarge",
    }
}

keywords! {
    /// `cm-…`: crop modes that pad or extract instead of resizing.
    CropMode {
        /// Fit inside the box, then pad to exactly `w`×`h` with `bg` (padding side from `fo`).
        PadResize = "pad_resize",
        /// Cut a `w`×`h` region without resizing (position from `x`/`y`, `xc`/`yc` or `fo`).
        Extract = "extract",
        /// As `extract`, padding with `bg` where the region leaves the source.
        PadExtract = "pad_extract",
        /// As `pad_resize`, never enlarging the image inside the padding.
        PadResizeNoEnlarge = "pad_resize_no_enlarge",
        /// As `pad_extract`, never shrinking.
        PadExtractNoShrink = "pad_extract_no_shrink",
    }
}

keywords! {
    /// A nine-point position, used by `lfo` (layer focus) and `lap` (layer anchor point).
    Gravity {
        Center = "center",
        Top = "top",
        Left = "left",
        Bottom = "bottom",
        Right = "right",
        TopLeft = "top_left",
        TopRight = "top_right",
        BottomLeft = "bottom_left",
        BottomRight = "bottom_right",
    }
}

/// `fo-…`: where to crop, extract or pad.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Focus {
    Center,
    Top,
    Left,
    Bottom,
    Right,
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
    /// Smart crop on the most salient region.
    Auto,
    /// Crop around faces (Halftone: the same saliency as `auto` until a face model exists).
    Face,
    /// The file's `customCoordinates`.
    Custom,
    /// A COCO object class, canonical spelling from the list (`car`, `trafficLight`…).
    Object(String),
}

/// The COCO classes ImageKit accepts for object-aware cropping.
pub const COCO_OBJECTS: &[&str] = &[
    "person",
    "bicycle",
    "car",
    "motorcycle",
    "airplane",
    "bus",
    "train",
    "truck",
    "boat",
    "trafficLight",
    "fireHydrant",
    "stopSign",
    "parkingMeter",
    "bench",
    "bird",
    "cat",
    "dog",
    "horse",
    "sheep",
    "cow",
    "elephant",
    "bear",
    "zebra",
    "giraffe",
    "backpack",
    "umbrella",
    "handbag",
    "tie",
    "suitcase",
    "frisbee",
    "skis",
    "snowboard",
    "sportsBall",
    "kite",
    "baseballBat",
    "baseballGlove",
    "skateboard",
    "surfboard",
    "tennisRacket",
    "bottle",
    "wineGlass",
    "cup",
    "fork",
    "knife",
    "spoon",
    "bowl",
    "banana",
    "apple",
    "sandwich",
    "orange",
    "broccoli",
    "carrot",
    "hotDog",
    "pizza",
    "donut",
    "cake",
    "chair",
    "couch",
    "pottedPlant",
    "bed",
    "diningTable",
    "toilet",
    "tv",
    "laptop",
    "mouse",
    "remote",
    "keyboard",
    "cellPhone",
    "microwave",
    "oven",
    "toaster",
    "sink",
    "refrigerator",
    "book",
    "clock",
    "vase",
    "scissors",
    "teddyBear",
    "hairDrier",
    "toothbrush",
];

impl Focus {
    /// Parses a focus word; object names match case-insensitively.
    pub fn from_word(word: &str) -> Option<Focus> {
        if let Some(g) = Gravity::from_word(word) {
            return Some(Focus::from(g));
        }
        match word {
            "auto" => Some(Focus::Auto),
            "face" => Some(Focus::Face),
            "custom" => Some(Focus::Custom),
            _ => COCO_OBJECTS
                .iter()
                .find(|o| o.eq_ignore_ascii_case(word))
                .map(|o| Focus::Object((*o).to_owned())),
        }
    }

    /// The nine-point gravity, if this focus is one.
    pub fn gravity(&self) -> Option<Gravity> {
        Some(match self {
            Focus::Center => Gravity::Center,
            Focus::Top => Gravity::Top,
            Focus::Left => Gravity::Left,
            Focus::Bottom => Gravity::Bottom,
            Focus::Right => Gravity::Right,
            Focus::TopLeft => Gravity::TopLeft,
            Focus::TopRight => Gravity::TopRight,
            Focus::BottomLeft => Gravity::BottomLeft,
            Focus::BottomRight => Gravity::BottomRight,
            Focus::Auto | Focus::Face | Focus::Custom | Focus::Object(_) => return None,
        })
    }
}

impl From<Gravity> for Focus {
    fn from(g: Gravity) -> Focus {
        match g {
            Gravity::Center => Focus::Center,
            Gravity::Top => Focus::Top,
            Gravity::Left => Focus::Left,
            Gravity::Bottom => Focus::Bottom,
            Gravity::Right => Focus::Right,
            Gravity::TopLeft => Focus::TopLeft,
            Gravity::TopRight => Focus::TopRight,
            Gravity::BottomLeft => Focus::BottomLeft,
            Gravity::BottomRight => Focus::BottomRight,
        }
    }
}

impl fmt::Display for Focus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, self.gravity()) {
            (_, Some(g)) => f.write_str(g.word()),
            (Focus::Auto, _) => f.write_str("auto"),
            (Focus::Face, _) => f.write_str("face"),
            (Focus::Custom, _) => f.write_str("custom"),
            (Focus::Object(name), _) => f.write_str(name),
            _ => Ok(()),
        }
    }
}
