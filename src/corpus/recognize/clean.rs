//! The body as readers and NLP tools see it: inline links replaced by their surface
//! text, with a map from its offsets back to the document's.

use std::ops::Range;

use tree_sitter::Node;

use crate::corpus::document::Document;

/// An explicit link `[surface](kind:id)` in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The surface text, in clean-text bytes.
    pub clean: Range<usize>,
    /// The whole link in the document.
    pub span: Range<usize>,
    pub kind: String,
    pub target: String,
}

#[derive(Debug, Clone, Default)]
pub struct CleanText {
    pub text: String,
    /// Runs copied from the document: (clean start, document start), in order.
    runs: Vec<(usize, usize)>,
    pub links: Vec<Link>,
}

impl CleanText {
    pub fn of(doc: &Document) -> CleanText {
        let start = doc.body_start();
        let end = doc.rope().len_bytes();
        let mut links = Vec::new();
        collect_links(doc.tree().root_node(), start, &mut links);
        let mut clean = CleanText::default();
        let mut cursor = start;
        for raw in links {
            clean.copy(doc, cursor..raw.span.start);
            let at = clean.text.len();
            clean.copy(doc, raw.surface);
            let (kind, target) = (doc.slice(raw.kind), doc.slice(raw.target));
            clean.links.push(Link { clean: at..clean.text.len(), span: raw.span.clone(), kind, target });
            cursor = raw.span.end;
        }
        clean.copy(doc, cursor..end);
        clean
    }

    fn copy(&mut self, doc: &Document, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.runs.push((self.text.len(), range.start));
        self.text.push_str(&doc.slice(range));
    }

    /// The document offset of a clean-text offset.
    pub fn to_doc(&self, offset: usize) -> usize {
        let i = self.runs.partition_point(|(clean, _)| *clean <= offset).saturating_sub(1);
        self.runs.get(i).map_or(offset, |(clean, doc)| doc + offset.saturating_sub(*clean))
    }

    pub fn range_to_doc(&self, range: &Range<usize>) -> Range<usize> {
        // The end maps from its last character, so a span never runs into link syntax.
        let start = self.to_doc(range.start);
        let end = if range.is_empty() { start } else { self.to_doc(range.end - 1) + 1 };
        start..end.max(start)
    }
}

/// A link's parts as document ranges: the whole link, its surface, kind and target.
struct RawLink {
    span: Range<usize>,
    surface: Range<usize>,
    kind: Range<usize>,
    target: Range<usize>,
}

fn collect_links(node: Node, body_start: usize, out: &mut Vec<RawLink>) {
    if node.end_byte() <= body_start {
        return;
    }
    if node.kind() == "inline_link" {
        let part = |name| node.child_by_field_name(name).filter(|n: &Node| !n.is_missing()).map(|n| n.byte_range());
        if let (Some(label), Some(kind), Some(target), false) =
            (part("label"), part("kind"), part("target"), node.has_error())
        {
            // The label token is `[surface](`.
            let surface = label.start + 1..(label.end - 2).max(label.start + 1);
            out.push(RawLink { span: node.byte_range(), surface, kind, target });
        }
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_links(child, body_start, out);
    }
}
