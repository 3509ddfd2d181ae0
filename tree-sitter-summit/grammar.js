/**
 * Grammar for a summit-ls report: an optional YAML-subset front matter between
 * `---` fences, then the body's lines with inline links `[text](kind:id)`.
 *
 * Whitespace and line ends are explicit tokens (there are no extras): the format is
 * line-oriented, and half-typed front matter must still parse into stable nodes.
 * Any front-matter line that is not a field, comment or blank line is a `junk_line`,
 * so an annotator mid-keystroke gets one odd line, not a cascade of ERROR nodes.
 */

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/;

module.exports = grammar({
  name: 'summit',

  extras: _ => [],

  rules: {
    report: $ => seq(optional($.front_matter), optional($.body)),

    // ---- front matter -------------------------------------------------------

    front_matter: $ => seq(
      field('open', $.fence),
      repeat($._front_matter_line),
      field('close', $.fence),
    ),

    // Every item ends with its line break, so nothing can follow a bare key but a colon.
    _front_matter_line: $ => seq(
      optional(choice($.field, $.comment, $.junk_line)),
      optional($._blank),
      $._eol,
    ),

    fence: _ => token(seq('---', /[ \t]*/, optional(/\r?\n|\r/))),

    field: $ => seq(
      field('key', $.key),
      optional(seq($._colon, optional(field('value', $._value)))),
    ),

    key: _ => IDENT,

    // The colon absorbs the spaces around it, so `title : x` and `title:x` are fields.
    _colon: _ => /[ \t]*:[ \t]*/,

    _value: $ => choice($.date, $.datetime, $.string, $.flow_list, $.plain_scalar),

    date: _ => /\d{4}-\d{2}-\d{2}/,

    datetime: _ => /\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?/,

    string: _ => /"([^"\\\r\n]|\\[^\r\n])*"/,

    // A plain scalar is the rest of the line without surrounding blanks.
    plain_scalar: _ => /[^\s\[]([^\r\n]*[^\s])?/,

    flow_list: $ => seq(
      '[',
      optional($._blank),
      optional(seq(
        $._list_item,
        repeat(seq(optional($._blank), ',', optional($._blank), $._list_item)),
        optional($._blank),
        optional(','),
        optional($._blank),
      )),
      ']',
    ),

    _list_item: $ => choice($.string, alias($._list_scalar, $.plain_scalar)),

    _list_scalar: _ => /[^\s,\[\]"]([^,\[\]\r\n]*[^\s,\[\]])?/,

    comment: _ => token(seq('#', /[^\r\n]*/)),

    // A line that cannot be a field: it starts with no key, or with a word that is
    // not followed by a colon.
    junk_line: _ => token(choice(
      /[^A-Za-z_#\s\-][^\r\n]*/,
      /-([^\-\r\n][^\r\n]*)?/,
      /--([^\-\r\n][^\r\n]*)?/,
      /---[ \t]*[^ \t\r\n][^\r\n]*/,
      /----[^\r\n]*/,
      /[A-Za-z_][A-Za-z0-9_-]*([ \t]+[^: \t\r\n]|[^A-Za-z0-9_\-: \t\r\n])[^\r\n]*/,
    )),

    // ---- body ---------------------------------------------------------------

    body: $ => repeat1(choice($.line, $._eol)),

    line: $ => prec.right(repeat1(choice($.text, $.inline_link))),

    text: _ => token(choice(/[^\[\r\n]+/, '[')),

    // Every part after the label is optional, so a half-written or broken link
    // (`[a](`, `[note](see p. 4)`) parses without an error node: tree-sitter's error
    // recovery over a line of `[a](` took some 300 bytes of memory per byte of text.
    // The analysis reads a link only when it has all its parts. The parts outrank
    // `text` where both could start, so `person:xi)` is not read as prose.
    inline_link: $ => prec.right(seq(
      field('label', $.link_label),
      optional(seq(
        field('kind', $.link_kind),
        optional(seq(
          token(prec(2, ':')),
          optional(field('target', $.link_target)),
          optional(token(prec(2, ')'))),
        )),
      )),
    )),

    // `[surface text](` as one token, so a bracket in prose never opens a link.
    link_label: _ => token(prec(1, /\[[^\[\]\r\n]*\]\(/)),

    link_kind: _ => token(prec(2, /[A-Za-z]+/)),

    link_target: _ => token(prec(2, /[^()\s]+/)),

    _blank: _ => /[ \t]+/,

    _eol: _ => /\r?\n|\r/,
  },
});
