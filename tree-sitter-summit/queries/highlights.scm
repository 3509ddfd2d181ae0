; Front matter
(fence) @punctuation.delimiter
(key) @property
(date) @number
(datetime) @number
(string) @string
(plain_scalar) @string
(flow_list ["[" "]" ","] @punctuation.bracket)
(comment) @comment
(junk_line) @error

; Body: inline links `[surface](kind:id)`
(link_label) @markup.link.label
(link_kind) @keyword
(inline_link ":" @punctuation.delimiter)
(inline_link ")" @punctuation.bracket)
(link_target) @markup.link.url
