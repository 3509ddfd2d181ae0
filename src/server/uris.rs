//! File paths and `file:` URIs, both ways, in one place.
//!
//! The protocol library converts through UTF-8 text, lossily: a file name that is not
//! UTF-8 (Latin-1 names from old archives) came back as the URI of a file that does not
//! exist, with U+FFFD where its bytes were. Here a path's bytes are percent-encoded as
//! they are, and a URI's percent-decoded bytes are the path, so every file the corpus
//! holds round-trips.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, percent_encode};
use tower_lsp_server::ls_types::Uri;

/// What a path keeps as it is: RFC 3986's unreserved characters and the separator.
const KEPT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// The `file:` URI of `path` (made absolute against the working directory if it is not).
pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_str(&file_url(path)?).ok()
}

/// The `file:` URL of `path` as text, for links outside the protocol (the overview page).
pub fn file_url(path: &Path) -> Option<String> {
    let path = std::path::absolute(path).ok()?;
    Some(format!("file://{}", encode(&path)?))
}

/// The file path of a `file:` URI; `None` for another scheme or an empty path.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let raw = uri.path().as_str();
    if raw.is_empty() {
        return None;
    }
    decode(raw)
}

#[cfg(unix)]
fn encode(path: &Path) -> Option<String> {
    use std::os::unix::ffi::OsStrExt;
    Some(percent_encode(path.as_os_str().as_bytes(), KEPT).to_string())
}

#[cfg(not(unix))]
fn encode(path: &Path) -> Option<String> {
    Uri::from_file_path(path).map(|u| u.path().as_str().to_string())
}

#[cfg(unix)]
fn decode(raw: &str) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    let bytes: Vec<u8> = percent_decode_str(raw).collect();
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn decode(raw: &str) -> Option<PathBuf> {
    let text = percent_decode_str(raw).decode_utf8().ok()?;
    Some(PathBuf::from(text.trim_start_matches('/')))
}

#[cfg(all(test, unix))]
mod tests {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    use super::*;

    #[test]
    fn a_path_and_its_uri_round_trip_whatever_the_bytes_of_its_name() {
        let names: [&[u8]; 5] =
            [b"plain.txt", b"with space.txt", "Genève – 2023.txt".as_bytes(), b"caf\xe9.txt", b"50%#?.txt"];
        for name in names {
            let path = Path::new("/corpus/reports").join(OsStr::from_bytes(name));
            let uri = uri_of(&path).expect("a uri");
            assert!(uri.as_str().is_ascii(), "{}", uri.as_str());
            assert_eq!(path_of(&uri).as_deref(), Some(path.as_path()), "{}", uri.as_str());
        }
    }

    #[test]
    fn a_uri_as_editors_write_it_names_its_file() {
        let uri = Uri::from_str("file:///corpus/Gen%C3%A8ve%20talks.txt").expect("uri");
        assert_eq!(path_of(&uri), Some(PathBuf::from("/corpus/Genève talks.txt")));
        let uri = Uri::from_str("file:///corpus/caf%E9.txt").expect("uri");
        assert_eq!(path_of(&uri).map(|p| p.as_os_str().as_bytes().to_vec()), Some(b"/corpus/caf\xe9.txt".to_vec()));
        assert_eq!(path_of(&Uri::from_str("untitled:Untitled-1").expect("uri")), None);
    }
}
