//! Amounts as news writes them before a unit of time: digits ("45", "1,000"), words
//! ("twenty-four", "a hundred"), halves ("four and a half", "2 1/2", "a ... and a half")
//! and vague counts ("several", "a few", "a couple of").

/// How many units: a count, a count and a half, or an unspecified number (TIMEX3's `X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Count(u32),
    /// `n` and a half.
    AndHalf(u32),
    Some,
}

/// The pattern of an amount, for the rules' regexes: capture group `n`.
pub const AMOUNT: &str = r"(?P<n>(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a\s+|one\s+)?hundred|several|a\s+few|few|(?:a\s+)?couple\s+of|a\s+couple|many|some|\d{1,3}(?:,\d{3})+|\d+)(?:\s+and\s+a\s+half|\s+1/2|\s*½)?)";

const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// The amount an [`AMOUNT`] match writes; `None` when it is no amount (a number too
/// large to be one).
pub fn amount(written: &str) -> Option<Amount> {
    let lower = written.to_lowercase();
    let (whole, half) = match lower
        .strip_suffix("and a half")
        .or_else(|| lower.strip_suffix("1/2"))
        .or_else(|| lower.strip_suffix('½'))
    {
        Some(rest) => (rest.trim(), true),
        None => (lower.trim(), false),
    };
    let n = match whole {
        "several" | "a few" | "few" | "many" | "some" => return (!half).then_some(Amount::Some),
        "a couple of" | "couple of" | "a couple" => 2,
        "a" | "an" => 1,
        w => number(w)?,
    };
    Some(if half { Amount::AndHalf(n) } else { Amount::Count(n) })
}

/// "45", "1,000", "twenty-four", "twenty four", "a hundred".
fn number(written: &str) -> Option<u32> {
    if written.starts_with(|c: char| c.is_ascii_digit()) {
        return written.replace(',', "").parse().ok();
    }
    let words: Vec<&str> = written.split(|c: char| c == '-' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let word = |w: &str| -> Option<u32> {
        SMALL
            .iter()
            .position(|s| *s == w)
            .or_else(|| TENS.iter().position(|t| !t.is_empty() && *t == w).map(|i| i * 10))
            .and_then(|n| u32::try_from(n).ok())
    };
    match words.as_slice() {
        ["a" | "one", "hundred"] | ["hundred"] => Some(100),
        [w] => word(w),
        [tens, unit] if TENS.contains(tens) => Some(word(tens)? + word(unit).filter(|u| (1..10).contains(u))?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_digits_words_and_halves() {
        assert_eq!(amount("45"), Some(Amount::Count(45)));
        assert_eq!(amount("1,000"), Some(Amount::Count(1000)));
        assert_eq!(amount("twenty-four"), Some(Amount::Count(24)));
        assert_eq!(amount("twenty four"), Some(Amount::Count(24)));
        assert_eq!(amount("a hundred"), Some(Amount::Count(100)));
        assert_eq!(amount("four and a half"), Some(Amount::AndHalf(4)));
        assert_eq!(amount("2 1/2"), Some(Amount::AndHalf(2)));
        assert_eq!(amount("a couple of"), Some(Amount::Count(2)));
        assert_eq!(amount("Several"), Some(Amount::Some));
        assert_eq!(amount("An"), Some(Amount::Count(1)));
    }

    #[test]
    fn what_is_no_amount() {
        assert_eq!(amount(""), None);
        assert_eq!(amount("99999999999999999999"), None);
        assert_eq!(amount("twenty twelve"), None);
        assert_eq!(amount("é"), None);
    }
}
