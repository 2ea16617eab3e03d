//! Reading source text: size limit, encoding detection and mojibake repair.
//!
//! Every text file of the source site goes through [`read`]: a file over [`MAX_TEXT_BYTES`] is
//! refused (a clear message, never a hang), as is one with a NUL byte (binary data, not a page);
//! a UTF-8 byte order mark is dropped; UTF-16 with a BOM
//! is decoded; bytes that are not UTF-8 are decoded as Windows-1252 (what editors on Windows
//! wrote; the WHATWG mapping, the five undefined bytes to C1 controls) and the conversion is
//! reported. Then [`repair_mojibake`] reverses the classic damage of
//! UTF-8 text once decoded as Windows-1252 and saved again as UTF-8 (`Iâ€™m` → `I’m`,
//! `ðŸ“§` → `📧`): a run of characters is replaced only when encoding it as Windows-1252 gives
//! bytes that decode as valid UTF-8 multi-byte sequences, so correct text is never touched.

use std::path::Path;

/// Text files larger than this are not converted (reported instead).
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// A source file read as text.
#[derive(Debug)]
pub struct Text {
    pub text: String,
    /// What was done to get valid, repaired UTF-8 (empty: nothing).
    pub notes: Vec<String>,
    /// Mojibake repairs: (1-based line, damaged text, repaired text).
    pub repairs: Vec<Repair>,
}

/// One mojibake repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub line: usize,
    pub from: String,
    pub to: String,
}

/// Reads `path` as text (see the module docs). Errors name the reason, not the file. Only a
/// regular file is read, never through a symbolic link ([`super::source`]); text with a NUL byte
/// is binary data, not a page, and is refused.
pub fn read(path: &Path) -> Result<Text, String> {
    let bytes = super::source::read(path, MAX_TEXT_BYTES)?;
    let utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    if !utf16 && let Some(i) = memchr::memchr(0, &bytes) {
        return Err(binary(memchr::memchr_iter(b'\n', &bytes[..i]).count()));
    }
    let text = decode(&bytes);
    if let Some(i) = text.text.find('\0') {
        return Err(binary(text.text[..i].matches('\n').count()));
    }
    Ok(text)
}

fn binary(newlines_before: usize) -> String {
    format!(
        "binary data, not text (a NUL byte on line {}): not converted",
        newlines_before + 1
    )
}

/// Decodes bytes (see the module docs) and repairs mojibake.
pub fn decode(bytes: &[u8]) -> Text {
    let mut notes = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        utf8_or_cp1252(rest, &mut notes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        notes.push("converted from UTF-16LE to UTF-8".into());
        utf16(rest, u16::from_le_bytes, &mut notes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        notes.push("converted from UTF-16BE to UTF-8".into());
        utf16(rest, u16::from_be_bytes, &mut notes)
    } else {
        utf8_or_cp1252(bytes, &mut notes)
    };
    let (text, repairs) = repair_mojibake(&text);
    Text {
        text,
        notes,
        repairs,
    }
}

fn utf8_or_cp1252(bytes: &[u8], notes: &mut Vec<String>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            notes.push(format!(
                "not UTF-8 (first bad byte at offset {}): read as Windows-1252 and converted to UTF-8",
                e.valid_up_to()
            ));
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
    }
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16, notes: &mut Vec<String>) -> String {
    let units = bytes
        .chunks(2)
        .map(|c| word([c[0], *c.get(1).unwrap_or(&0)]));
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if text.contains(char::REPLACEMENT_CHARACTER) || bytes.len() % 2 == 1 {
        notes.push("some UTF-16 was invalid: replaced by U+FFFD".into());
    }
    text
}

/// The character of a Windows-1252 byte (WHATWG mapping, through encoding_rs: the five bytes
/// Windows-1252 leaves undefined map to the C1 controls). The tests make mojibake with it.
#[cfg(test)]
fn cp1252_char(b: u8) -> char {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(&[b])
        .0
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The Windows-1252 byte for a character, if it has one.
fn cp1252_byte(c: char) -> Option<u8> {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    (!unmappable && bytes.len() == 1).then(|| bytes[0])
}

/// The length of the UTF-8 sequence a lead byte starts (0: not a multi-byte lead).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Reverses UTF-8-read-as-Windows-1252 damage, sequence by sequence, until nothing changes (text
/// damaged twice is repaired twice). Returns the text and the repairs, one per damaged run.
pub fn repair_mojibake(text: &str) -> (String, Vec<Repair>) {
    let mut current = text.to_owned();
    let mut repairs = Vec::new();
    for _ in 0..3 {
        let (next, found) = repair_once(&current);
        if found.is_empty() {
            break;
        }
        repairs.extend(found);
        current = next;
    }
    (current, repairs)
}

fn repair_once(text: &str) -> (String, Vec<Repair>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut repairs: Vec<Repair> = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        // A run of damaged sequences, repaired as one.
        let mut j = i;
        let mut bytes = Vec::new();
        while let Some(len) = damaged_sequence(&chars[j..]) {
            bytes.extend(chars[j..j + len].iter().filter_map(|&c| cp1252_byte(c)));
            j += len;
        }
        if j > i {
            let from: String = chars[i..j].iter().collect();
            let to = String::from_utf8(bytes).expect("checked sequence by sequence");
            out.push_str(&to);
            match repairs.last_mut() {
                // Several runs on one line: one entry per line keeps the report short.
                Some(last) if last.line == line => {
                    last.from.push_str(" … ");
                    last.from.push_str(&from);
                    last.to.push_str(" … ");
                    last.to.push_str(&to);
                }
                _ => repairs.push(Repair { line, from, to }),
            }
            i = j;
            continue;
        }
        if chars[i] == '\n' {
            line += 1;
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, repairs)
}

/// If `chars` starts with the Windows-1252 reading of one UTF-8 multi-byte sequence, its length.
fn damaged_sequence(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    if (first as u32) < 0x80 {
        return None;
    }
    let lead = cp1252_byte(first)?;
    let len = utf8_len(lead);
    if len == 0 || chars.len() < len {
        return None;
    }
    let mut bytes = vec![lead];
    for &c in &chars[1..len] {
        let b = cp1252_byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        bytes.push(b);
    }
    std::str::from_utf8(&bytes).ok().map(|_| len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_the_seed_damage() {
        let (text, repairs) = repair_mojibake(
            "Iâ€™m Zirui\nðŸ“§ðŸ“§ Prospective\n- ðŸ”¥ðŸ”¥ Our [KIVI]\nâ€œquotedâ€\u{9d} and â€“ dash",
        );
        assert_eq!(
            text,
            "I’m Zirui\n📧📧 Prospective\n- 🔥🔥 Our [KIVI]\n“quoted” and – dash"
        );
        assert_eq!(repairs.len(), 4);
        assert_eq!(repairs[0].line, 1);
        assert_eq!(repairs[0].from, "â€™");
        assert_eq!(repairs[0].to, "’");
        assert_eq!(repairs[1].to, "📧📧");
        assert_eq!(repairs[2].line, 3);
        assert_eq!(repairs[3].line, 4);
    }

    #[test]
    fn correct_text_is_left_alone() {
        for s in [
            "café, naïve, Zürich, São Paulo, Ærø, œuvre",
            "I’m “fine” – 📧 🔥 ⚛️",
            "Ã alone, Â then space, Ð Ñ",
            "x² ± 3° · ½",
            "",
        ] {
            let (text, repairs) = repair_mojibake(s);
            assert_eq!(text, s);
            assert!(repairs.is_empty(), "{s}: {repairs:?}");
        }
    }

    #[test]
    fn latin_accents_and_double_damage() {
        let (text, _) = repair_mojibake("cafÃ© naÃ¯ve");
        assert_eq!(text, "café naïve");
        // Damaged twice: UTF-8 → cp1252 → UTF-8 → cp1252 → UTF-8.
        let once: String = "é".bytes().map(cp1252_char).collect();
        let twice: String = once.bytes().map(cp1252_char).collect();
        assert_eq!(repair_mojibake(&twice).0, "é");
    }

    #[test]
    fn encodings() {
        let t = decode(b"\xef\xbb\xbftitle: x");
        assert_eq!(t.text, "title: x");
        assert!(t.notes.is_empty());
        let t = decode(b"caf\xe9 \x93q\x94");
        assert_eq!(t.text, "café “q”");
        assert!(t.notes[0].contains("Windows-1252"), "{:?}", t.notes);
        let t = decode(b"\xff\xfeh\0i\0");
        assert_eq!(t.text, "hi");
        assert!(t.notes[0].contains("UTF-16LE"), "{:?}", t.notes);
        let t = decode(b"\xfe\xff\0h\0i");
        assert_eq!(t.text, "hi");
        // The table agrees with the WHATWG decoder on every byte.
        for b in 0x80..=0xFFu8 {
            assert_eq!(cp1252_byte(cp1252_char(b)), Some(b));
        }
    }

    #[test]
    fn huge_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(MAX_TEXT_BYTES + 1).unwrap();
        let err = read(&path).unwrap_err();
        assert!(err.contains("limit"), "{err}");
    }
}
