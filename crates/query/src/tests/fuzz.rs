//! No-panic sweep: every prefix of long queries, random token soups, random bytes and single-
//! character mutations must yield `Ok` or a well-formed error, never a panic.

use crate::parse;

const LONG_QUERIES: &[&str] = &[
    r#"(size < "1mb" AND width > 500) OR (tags IN ["summer-sale","banner"]) AND createdAt > "7d""#,
    r#"((name : "réd-dréss" or "customMetadata.brand" NOT IN ["Nike", 5, true, 2020-01-01]) and (private = false))"#,
    r#"createdAt >= 2020-01-01T10:00:00.250Z AND "embeddedMetadata.DateTimeOriginal" < "1y" OR tags NOT EXISTS"#,
    r#"name HAS "say \"hi\" \\ 日本 ☕" AND path : "/a/b/" OR type NOT = "folder" AND size NOT IN [1, "2kb"]"#,
];

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

fn check(query: &str) {
    let chars = query.chars().count();
    if let Err(e) = parse(query, 1_700_000_000_000) {
        assert!(
            e.position <= chars,
            "{query:?}: position {} > {chars}",
            e.position
        );
        assert!(e.excerpt.chars().count() <= 20, "{query:?}: {e}");
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn every_prefix_and_suffix_of_long_queries() {
    for query in LONG_QUERIES {
        let boundaries: Vec<usize> = query
            .char_indices()
            .map(|(i, _)| i)
            .chain([query.len()])
            .collect();
        for &at in &boundaries {
            check(&query[..at]);
            check(&query[at..]);
        }
    }
}

#[test]
fn random_token_soup() {
    const TOKENS: &[&str] = &[
        "name",
        "tags",
        "size",
        "createdAt",
        "\"customMetadata.x\"",
        "customMetadata.",
        "AND",
        "OR",
        "NOT",
        "IN",
        "HAS",
        "EXISTS",
        "=",
        ":",
        "<",
        "<=",
        ">",
        ">=",
        "(",
        ")",
        "[",
        "]",
        ",",
        "\"",
        "\\",
        "\"a\"",
        "5",
        "-1.5e3",
        "true",
        "2020-01-01",
        "\"7d\"",
        "\"1mb\"",
        " ",
        "\n",
        "é",
        "日",
        "☕",
        "\u{0}",
        "'",
        ";",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(24);
        let query: String = (0..len).map(|_| TOKENS[rng.below(TOKENS.len())]).collect();
        check(&query);
    }
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..20_000 {
        let len = rng.below(64);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next().to_le_bytes()[0]).collect();
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn single_character_mutations() {
    const REPLACEMENTS: &[char] = &[
        '(', ')', '"', '\\', '[', ']', ',', ' ', 'é', '=', '<', '0', 'x', '\u{0}',
    ];
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    for query in LONG_QUERIES {
        let chars: Vec<char> = query.chars().collect();
        for _ in 0..2_000 {
            let mut mutated = chars.clone();
            let at = rng.below(mutated.len());
            match rng.below(3) {
                0 => {
                    mutated.remove(at);
                }
                1 => mutated[at] = REPLACEMENTS[rng.below(REPLACEMENTS.len())],
                _ => mutated.insert(at, REPLACEMENTS[rng.below(REPLACEMENTS.len())]),
            }
            check(&mutated.into_iter().collect::<String>());
        }
    }
}
