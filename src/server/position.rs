//! LSP positions and ranges: the server's one boundary with [`crate::position`].

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range as LspRange};

use crate::position::{LineIndex, LineRange, Unit, line_col, offset};

/// The encoding to use: UTF-8 when the client offers it, UTF-16 (the default) else.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Unit {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Unit::Utf8,
        _ => Unit::Utf16,
    }
}

pub fn encoding_kind(unit: Unit) -> PositionEncodingKind {
    match unit {
        Unit::Utf8 => PositionEncodingKind::UTF8,
        _ => PositionEncodingKind::UTF16,
    }
}

pub fn to_lsp(rope: &Rope, byte: usize, unit: Unit) -> Position {
    let (line, col) = line_col(rope, byte, unit);
    Position::new(saturate(line), saturate(col))
}

pub fn range_to_lsp(rope: &Rope, range: &Range<usize>, unit: Unit) -> LspRange {
    LspRange::new(to_lsp(rope, range.start, unit), to_lsp(rope, range.end, unit))
}

/// A byte range of a text that is not at hand, by its line index.
pub fn lines_to_lsp(lines: &LineIndex, range: &Range<usize>, unit: Unit) -> LspRange {
    let at = |byte| {
        let (line, col) = lines.line_col(byte, unit);
        Position::new(saturate(line), saturate(col))
    };
    LspRange::new(at(range.start), at(range.end))
}

/// A range kept as a line and columns.
pub fn place_to_lsp(place: &LineRange, unit: Unit) -> LspRange {
    let (start, end) = place.columns(unit);
    let line = saturate(place.line);
    LspRange::new(Position::new(line, saturate(start)), Position::new(line, saturate(end)))
}

/// A byte offset for a client's position, clamped into the text.
pub fn from_lsp(rope: &Rope, pos: Position, unit: Unit) -> usize {
    offset(rope, pos.line as usize, pos.character as usize, unit)
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
