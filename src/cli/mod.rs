//! The batch commands, on the same core as the server.

pub mod check;
pub mod export;
pub mod fix;
pub mod init;
pub mod overview;
mod targets;

pub use targets::TargetError;

use std::borrow::Cow;
use std::path::Path;

/// A path as one line of terminal output: control characters (a newline in a file
/// name) are written escaped, so a name cannot forge a line of `check`'s output.
pub fn printable(path: &Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

/// `s` with its control characters escaped (`\n`, `\r`, `\u{1b}`).
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.to_string() }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newline_or_escape_in_a_name_is_written_escaped() {
        assert_eq!(printable(Path::new("a\nb.txt:1:1: error[x]: forged.txt")), "a\\nb.txt:1:1: error[x]: forged.txt");
        assert_eq!(escape_controls("x\r\u{1b}[31m\ty"), "x\\r\\u{1b}[31m\\ty");
        assert_eq!(escape_controls("Été ’ 2014"), "Été ’ 2014");
    }
}
