//! The one place where byte offsets become line/column pairs and back. LSP positions
//! count columns in UTF-8 bytes or UTF-16 code units, as negotiated; the CLI counts
//! code points. Lines are the rope's: LF, CRLF and lone CR end a line (ropey's
//! `cr_lines`), as editors count them.
//!
//! Out-of-range input is clamped, never an error: a column past a line's end means
//! the end of its content, a line past the last means the end of the text (as helix's
//! `lsp_pos_to_pos`), and a column inside a character snaps to that character's start.

use ropey::{Rope, RopeSlice};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Utf8,
    Utf16,
    CodePoint,
}

/// The width of `text` in `unit`s.
pub fn width(text: &str, unit: Unit) -> usize {
    match unit {
        Unit::Utf8 => text.len(),
        Unit::Utf16 => text.encode_utf16().count(),
        Unit::CodePoint => text.chars().count(),
    }
}

/// A range within one line, kept in every unit: for text that is not at hand when the
/// range becomes a position (the front-matter values of closed reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRange {
    pub line: usize,
    /// Start and end columns in UTF-8, UTF-16 and code points.
    columns: [(usize, usize); 3],
}

impl LineRange {
    /// The range of `inside` on zero-based `line`, after `before` on that line.
    pub fn new(line: usize, before: &str, inside: &str) -> LineRange {
        let columns = [Unit::Utf8, Unit::Utf16, Unit::CodePoint].map(|unit| {
            let start = width(before, unit);
            (start, start + width(inside, unit))
        });
        LineRange { line, columns }
    }

    /// Start and end columns in `unit`.
    pub fn columns(&self, unit: Unit) -> (usize, usize) {
        let i = match unit {
            Unit::Utf8 => 0,
            Unit::Utf16 => 1,
            Unit::CodePoint => 2,
        };
        self.columns[i]
    }
}

/// The byte offsets where the lines of `text` start, counting breaks as the rope does.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, b) in bytes.iter().enumerate() {
        let ends_line = *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            starts.push(i + 1);
        }
    }
    starts
}

/// Where the lines of a text start and where its non-ASCII characters stand: enough to
/// turn byte offsets into line/column pairs in any unit when the text itself is not
/// kept (the reports that are not open). Agrees with [`line_col`] on the text's rope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// The characters that are not ASCII, as runs of characters of one UTF-8 length
    /// in a row: a line of Chinese or Cyrillic text is one entry, not one a character.
    wide: Vec<Run>,
    len: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: u32,
    count: u32,
    /// The UTF-8 length of each character of the run.
    width: u8,
}

impl Run {
    fn end(&self) -> u32 {
        self.start.saturating_add(self.count.saturating_mul(u32::from(self.width)))
    }
}

impl LineIndex {
    /// The index of `text`; offsets past 4 GiB are clamped (files are read up to a
    /// much smaller limit).
    pub fn new(text: &str) -> LineIndex {
        let starts = line_starts(text).into_iter().map(clamp_u32).collect();
        let mut wide: Vec<Run> = Vec::new();
        for (i, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            let (start, width) = (clamp_u32(i), c.len_utf8() as u8);
            match wide.last_mut() {
                Some(run) if run.width == width && run.end() == start => run.count += 1,
                _ => wide.push(Run { start, count: 1, width }),
            }
        }
        LineIndex { starts, wide, len: clamp_u32(text.len()) }
    }

    /// Zero-based line and column of `byte`, clamped as [`line_col`] clamps.
    pub fn line_col(&self, byte: usize, unit: Unit) -> (usize, usize) {
        let mut byte = clamp_u32(byte).min(self.len);
        // A byte inside a character stands for that character's start.
        let at = self.wide.partition_point(|run| run.start <= byte);
        if let Some(run) = at.checked_sub(1).and_then(|i| self.wide.get(i))
            && byte < run.end()
        {
            let width = u32::from(run.width);
            byte = run.start + (byte - run.start) / width * width;
        }
        let line = self.starts.partition_point(|&s| s <= byte).saturating_sub(1);
        let line_start = self.starts.get(line).copied().unwrap_or(0);
        let bytes = (byte - line_start) as usize;
        // Runs hold no line break (it is ASCII), so those from the line's start to the
        // byte lie on its line; the last may hold the byte.
        let first = self.wide.partition_point(|run| run.start < line_start);
        let last = self.wide.partition_point(|run| run.start < byte);
        let mut extra = 0;
        for run in self.wide.get(first..last).unwrap_or_default() {
            let chars = ((run.end().min(byte) - run.start) / u32::from(run.width)) as usize;
            let units = match unit {
                Unit::Utf8 => usize::from(run.width),
                Unit::Utf16 => {
                    if run.width == 4 {
                        2
                    } else {
                        1
                    }
                }
                Unit::CodePoint => 1,
            };
            extra += chars * (usize::from(run.width) - units);
        }
        (line, bytes - extra)
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Zero-based line and column of `byte` (clamped to the text and to a character start).
pub fn line_col(rope: &Rope, byte: usize, unit: Unit) -> (usize, usize) {
    let byte = byte.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(byte);
    let line = rope.char_to_line(char_idx);
    let line_char = rope.line_to_char(line);
    let col = match unit {
        Unit::CodePoint => char_idx - line_char,
        Unit::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        Unit::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_char),
    };
    (line, col)
}

/// The byte offset of a zero-based line and column, clamped as the module says.
pub fn offset(rope: &Rope, line: usize, col: usize, unit: Unit) -> usize {
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let content = line_content(rope.line(line));
    let col_chars = match unit {
        Unit::CodePoint => col.min(content.len_chars()),
        Unit::Utf8 => content.byte_to_char(col.min(content.len_bytes())),
        Unit::Utf16 => content.utf16_cu_to_char(col.min(content.len_utf16_cu())),
    };
    rope.char_to_byte(rope.line_to_char(line) + col_chars)
}

/// A line without its line break.
fn line_content(line: RopeSlice<'_>) -> RopeSlice<'_> {
    let mut end = line.len_chars();
    if end > 0 && line.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > 0 && line.char(end - 1) == '\r' {
        end -= 1;
    }
    line.slice(..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    // ’ (U+2019) is 3 bytes and 1 UTF-16 unit; 😀 is 4 bytes and 2 units; NBSP is 2 bytes.
    const TEXT: &str = "Home\u{a0}> News\r\nChina\u{2019}s \u{1F600} d\u{e9}tente\r\nlast";

    #[test]
    fn line_ranges_agree_with_the_rope_without_it() {
        let text = format!("{TEXT}\rlone CR\n\u{1F600}");
        let rope = Rope::from_str(&text);
        let starts = line_starts(&text);
        assert_eq!(starts.len(), rope.len_lines());
        let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &a in &boundaries {
            for &b in boundaries.iter().filter(|&&b| b >= a) {
                let line = starts.partition_point(|&s| s <= a) - 1;
                if starts.get(line + 1).is_some_and(|&next| b >= next) {
                    continue; // Not within one line.
                }
                let range = LineRange::new(line, &text[starts[line]..a], &text[a..b]);
                for unit in [Unit::Utf8, Unit::Utf16, Unit::CodePoint] {
                    let (start, end) = range.columns(unit);
                    assert_eq!((line, start), line_col(&rope, a, unit), "{a}..{b} {unit:?}");
                    assert_eq!((line, end), line_col(&rope, b, unit), "{a}..{b} {unit:?}");
                }
            }
        }
    }

    #[test]
    fn a_line_index_agrees_with_the_rope_at_every_byte() {
        let texts = [
            format!("{TEXT}\rlone CR\n\u{1F600}"),
            String::new(),
            "\n\r\n\r".into(),
            "é\u{2028}x\u{85}".into(),
            "中国和美国\r\nПривет мир \u{1F600}\u{1F600}é\u{2019}\u{a0}x\n中".into(),
        ];
        for text in &texts {
            let rope = Rope::from_str(text);
            let index = LineIndex::new(text);
            for byte in 0..=text.len() + 2 {
                for unit in [Unit::Utf8, Unit::Utf16, Unit::CodePoint] {
                    assert_eq!(
                        index.line_col(byte, unit),
                        line_col(&rope, byte, unit),
                        "{text:?} at {byte} in {unit:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn columns_differ_by_encoding_after_non_ascii_text() {
        let rope = Rope::from_str(TEXT);
        let byte = TEXT.find("d\u{e9}tente").expect("word");
        assert_eq!(line_col(&rope, byte, Unit::Utf8), (1, 15));
        assert_eq!(line_col(&rope, byte, Unit::Utf16), (1, 11));
        assert_eq!(line_col(&rope, byte, Unit::CodePoint), (1, 10));
        for unit in [Unit::Utf8, Unit::Utf16, Unit::CodePoint] {
            let (l, c) = line_col(&rope, byte, unit);
            assert_eq!(offset(&rope, l, c, unit), byte, "{unit:?}");
        }
    }

    #[test]
    fn crlf_ends_one_line_and_columns_clamp_before_it() {
        let rope = Rope::from_str(TEXT);
        assert_eq!(rope.len_lines(), 3);
        let end_of_first = TEXT.find("\r\n").expect("crlf");
        assert_eq!(offset(&rope, 0, 999, Unit::Utf16), end_of_first);
        assert_eq!(offset(&rope, 2, 2, Unit::Utf8), TEXT.len() - 2);
    }

    #[test]
    fn lines_past_the_end_mean_the_end_of_text() {
        let rope = Rope::from_str(TEXT);
        assert_eq!(offset(&rope, 99, 0, Unit::Utf8), TEXT.len());
        assert_eq!(line_col(&rope, 10_000, Unit::Utf16), (2, 4));
    }

    #[test]
    fn a_column_inside_a_character_snaps_to_its_start() {
        let rope = Rope::from_str("\u{1F600}x");
        assert_eq!(offset(&rope, 0, 1, Unit::Utf16), 0);
        assert_eq!(offset(&rope, 0, 2, Unit::Utf8), 0);
        assert_eq!(offset(&rope, 0, 2, Unit::Utf16), 4);
    }

    #[test]
    fn a_lone_cr_ends_a_line() {
        let rope = Rope::from_str("a\rb");
        assert_eq!(line_col(&rope, 2, Unit::Utf8), (1, 0));
    }
}
