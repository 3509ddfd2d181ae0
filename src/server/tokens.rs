//! Semantic tokens: people, dates, places, meetings and front-matter keys, so themes
//! colour them before any other feature is asked for.

use std::collections::BTreeMap;
use std::ops::Range;

use tower_lsp_server::ls_types::{SemanticToken, SemanticTokenType, SemanticTokensLegend, Uri};

use super::position::to_lsp;
use super::state::{Role, State};
use crate::corpus::recognize::MentionKind;

/// Standard token types, so that every theme has a colour for them.
pub const PERSON: u32 = 0;
pub const DATE: u32 = 1;
pub const PLACE: u32 = 2;
pub const MEETING: u32 = 3;
pub const KEY: u32 = 4;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::CLASS,     // person
            SemanticTokenType::NUMBER,    // date
            SemanticTokenType::NAMESPACE, // place
            SemanticTokenType::EVENT,     // meeting
            SemanticTokenType::PROPERTY,  // front-matter key
        ],
        token_modifiers: Vec::new(),
    }
}

/// Spans made disjoint, as tokens must be: a mention inside another (a person or a
/// date inside a meeting reference) keeps its own colour, and the outer one is cut
/// around it, so that each word shows, and hovers, as what it is.
fn disjoint(mut spans: Vec<(Range<usize>, u32)>) -> Vec<(Range<usize>, u32)> {
    spans.sort_by_key(|(r, _)| (r.len(), r.start));
    // Pieces kept so far, by start; disjoint.
    let mut taken: BTreeMap<usize, (usize, u32)> = BTreeMap::new();
    for (range, kind) in spans {
        let inside: Vec<(usize, usize)> =
            taken.range(..range.end).map(|(s, (e, _))| (*s, *e)).filter(|(_, e)| *e > range.start).collect();
        let mut at = range.start;
        for (s, e) in inside {
            if s > at {
                taken.insert(at, (s, kind));
            }
            at = at.max(e);
        }
        if at < range.end {
            taken.insert(at, (range.end, kind));
        }
    }
    taken.into_iter().map(|(s, (e, kind))| (s..e, kind)).collect()
}

/// The tokens of a document, or of the byte range of it asked for.
pub fn tokens(state: &State, uri: &Uri, within: Option<Range<usize>>) -> Vec<SemanticToken> {
    let analysis = state.analysis(uri);
    let Some(od) = state.doc(uri) else { return Vec::new() };
    let mut spans: Vec<(Range<usize>, u32)> = Vec::new();
    if let Some(fm) = od.doc.front_matter() {
        spans.extend(fm.fields.iter().map(|f| (f.key_span.clone(), KEY)));
    }
    if let Some(Role::Report(corpus, _)) = Some(state.role_of(&od.path)) {
        spans.extend(corpus.recognizers().location_places(&od.doc).into_iter().map(|(r, _)| (r, PLACE)));
    }
    for m in analysis.iter().flat_map(|a| a.mentions.iter()) {
        let kind = match m.kind {
            MentionKind::Person { .. } => PERSON,
            MentionKind::Date(_) => DATE,
            MentionKind::Place { .. } => PLACE,
            MentionKind::Meeting { .. } | MentionKind::MeetingRef { .. } => MEETING,
        };
        spans.push((m.span.clone(), kind));
    }
    let rope = od.doc.rope();
    let (mut last_line, mut last_col) = (0, 0);
    let mut out = Vec::new();
    for (range, kind) in disjoint(spans) {
        if within.as_ref().is_some_and(|w| range.end < w.start || range.start > w.end) {
            continue;
        }
        let start = to_lsp(rope, range.start, state.encoding);
        let end = to_lsp(rope, range.end, state.encoding);
        // A token lies on one line; a mention broken over lines is left uncoloured.
        if start.line != end.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - last_line;
        let delta_start = if delta_line == 0 { start.character - last_col } else { start.character };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: kind,
            token_modifiers_bitset: 0,
        });
        (last_line, last_col) = (start.line, start.character);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_inside_a_meeting_reference_keeps_its_colour_and_cuts_the_reference() {
        let spans = vec![(10..60, MEETING), (20..42, PERSON), (50..54, DATE)];
        assert_eq!(
            disjoint(spans),
            [(10..20, MEETING), (20..42, PERSON), (42..50, MEETING), (50..54, DATE), (54..60, MEETING)]
        );
    }
}
