//! The body as readers and NLP tools see it: inline links replaced by their surface
//! text, with a map from its offsets back to the document's.

use std::ops::Range;

use tree_sitter::Node;

use crate::corpus::document::Document;
use crate::corpus::syntax;

/// An explicit link `[surface](kind:id)` in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The surface text, in clean-text bytes.
    pub clean: Range<usize>,
    /// The whole link in the document.
    pub span: Range<usize>,
    pub kind: String,
    pub target: String,
    /// Where the target is written in the document.
    pub target_span: Range<usize>,
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
        let body = doc.slice(start..doc.rope().len_bytes());
        // A tree without errors holds the links the line-by-line parse would find (the
        // scan proptest holds the two paths equal); only a tree that recovered from an
        // error needs the lines parsed again.
        if doc.tree().root_node().has_error() {
            return CleanText::of_body(&body, start);
        }
        let mut links = Vec::new();
        collect_links(doc.tree().root_node(), &mut links);
        links.retain(|l| l.span.start >= start);
        CleanText::assemble(&body, start, links)
    }

    /// The clean text of a body: `body` is the document from `body_start` on.
    pub fn of_body(body: &str, body_start: usize) -> CleanText {
        CleanText::assemble(body, body_start, links_by_line(body, body_start))
    }

    /// The clean text of a body with its links, as document ranges in order.
    fn assemble(body: &str, body_start: usize, links: Vec<RawLink>) -> CleanText {
        let part = |range: Range<usize>| body.get(range.start - body_start..range.end - body_start).unwrap_or("");
        let mut clean = CleanText::default();
        let mut cursor = body_start;
        for raw in links {
            clean.copy(part(cursor..raw.span.start), cursor);
            let at = clean.text.len();
            clean.copy(part(raw.surface.clone()), raw.surface.start);
            let (kind, target) = (part(raw.kind).to_string(), part(raw.target.clone()).to_string());
            let (clean_range, span) = (at..clean.text.len(), raw.span.clone());
            clean.links.push(Link { clean: clean_range, span, kind, target, target_span: raw.target });
            cursor = raw.span.end;
        }
        clean.copy(part(cursor..body_start + body.len()), cursor);
        clean
    }

    /// Appends `text`, which stands at `doc_start` in the document.
    fn copy(&mut self, text: &str, doc_start: usize) {
        if text.is_empty() {
            return;
        }
        self.runs.push((self.text.len(), doc_start));
        self.text.push_str(text);
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

/// The well-formed links of a body, in order. A link never spans lines, so each line
/// that can hold one (it has a `[`) is parsed on its own: in the whole document's tree,
/// error recovery after a broken link can swallow a good one on the next line.
fn links_by_line(body: &str, body_start: usize) -> Vec<RawLink> {
    let mut links = Vec::new();
    let mut line_start = body_start;
    syntax::with_parser(|parser| {
        for line in body.split_inclusive(['\n', '\r']) {
            // After a space, the line is body text whatever it starts with ("---").
            if line.contains('[')
                && let Some(tree) = syntax::parse(parser, &format!(" {line}"))
            {
                let at = links.len();
                collect_links(tree.root_node(), &mut links);
                for link in &mut links[at..] {
                    link.rebase(1, line_start);
                }
            }
            line_start += line.len();
        }
    });
    links
}

impl RawLink {
    /// Moves the link from a text where what is now at `new` stood at `old`.
    fn rebase(&mut self, old: usize, new: usize) {
        for r in [&mut self.span, &mut self.surface, &mut self.kind, &mut self.target] {
            *r = r.start - old + new..r.end - old + new;
        }
    }
}

fn collect_links(node: Node, out: &mut Vec<RawLink>) {
    if node.kind() == "inline_link" {
        let part = |name| node.child_by_field_name(name).filter(|n: &Node| !n.is_missing()).map(|n| n.byte_range());
        // The grammar takes a link without its tail (`[a](`, `[a](b:c`) as a link with
        // fewer parts; only one with all of them, up to its `)`, is a link here.
        let closed =
            node.child(node.child_count().saturating_sub(1)).is_some_and(|n| n.kind() == ")" && !n.is_missing());
        if let (Some(label), Some(kind), Some(target), true, false) =
            (part("label"), part("kind"), part("target"), closed, node.has_error())
        {
            // The label token is `[surface](`.
            let surface = label.start + 1..(label.end - 2).max(label.start + 1);
            out.push(RawLink { span: node.byte_range(), surface, kind, target });
        }
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_links(child, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_line_by_line() {
        // In the whole report's tree, recovery from the broken link on the first line
        // swallows the good link on the second.
        let doc = Document::new("[](---[\n[Xi](person:xi) met [Li](person:li).\r\n--- [a](b:c)\n");
        let clean = CleanText::of(&doc);
        let links: Vec<_> = clean.links.iter().map(|l| (l.span.clone(), l.kind.as_str(), l.target.as_str())).collect();
        assert_eq!(links, [(8..23, "person", "xi"), (28..43, "person", "li"), (50..58, "b", "c")]);
        assert_eq!(clean.text, "[](---[\nXi met Li.\r\n--- a\n");
        assert_eq!(clean.range_to_doc(&(15..17)), 29..31, "Li");
    }

    #[test]
    fn only_a_link_with_all_its_parts_is_read() {
        let doc = Document::new("[a]( [b](c [d](e: [f](g:h [note](see p. 4) [Xi](person:xi).\n");
        assert!(!doc.tree().root_node().has_error(), "{}", doc.tree().root_node().to_sexp());
        let clean = CleanText::of(&doc);
        let links: Vec<_> = clean.links.iter().map(|l| (l.kind.as_str(), l.target.as_str())).collect();
        assert_eq!(links, [("person", "xi")]);
        assert_eq!(clean.text, "[a]( [b](c [d](e: [f](g:h [note](see p. 4) Xi.\n");
    }

    #[test]
    fn a_line_of_unclosed_links_parses_without_error_and_in_linear_memory() {
        // Error recovery over such a line took some 300 bytes of memory per byte.
        let doc = Document::new(&"[a](".repeat(50_000));
        let root = doc.tree().root_node();
        assert!(!root.has_error());
        assert_eq!(root.descendant_count(), 3 + 2 * 50_000, "report, body, line, and each link with its label");
        assert!(CleanText::of(&doc).links.is_empty());
    }
}
