//! The days a TIMEX3 value covers: `2022` is a year of days, `2022-11` a month,
//! `2024-W47` a week, `2024-Q1` a quarter, `2024-SU` a season.

use jiff::civil::{Date, ISOWeekDate, Weekday};

/// The first and last day `value` covers, when it covers days.
pub fn interval_of(value: &str) -> Option<(Date, Date)> {
    // A range of days ("2018-03-03/2018-03-05") covers its ends and what lies between.
    if let Some((first, last)) = value.split_once('/') {
        return Some((interval_of(first)?.0, interval_of(last)?.1));
    }
    let value = value.split('T').next().unwrap_or(value);
    let year: i16 = value.get(..4)?.parse().ok()?;
    let rest = &value[4..];
    let month_span = |first: i8, last: i8| -> Option<(Date, Date)> {
        let start = Date::new(year, first, 1).ok()?;
        let end = Date::new(year, last, 1).ok()?.last_of_month();
        Some((start, end))
    };
    match rest {
        "" => month_span(1, 12),
        "-WI" => {
            let start = Date::new(year, 12, 1).ok()?;
            let end = Date::new(year.checked_add(1)?, 3, 1).ok()?.yesterday().ok()?;
            Some((start, end))
        }
        _ if rest.len() == 3 && rest.starts_with("-W") => None,
        _ if rest.starts_with("-W") => {
            let week: i8 = rest.get(2..4)?.parse().ok()?;
            let monday = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
            let sunday = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?.date();
            Some((monday, sunday))
        }
        "-Q1" => month_span(1, 3),
        "-Q2" => month_span(4, 6),
        "-Q3" => month_span(7, 9),
        "-Q4" => month_span(10, 12),
        "-SP" => month_span(3, 5),
        "-SU" => month_span(6, 8),
        "-FA" => month_span(9, 11),
        _ if rest.len() == 3 => {
            let month: i8 = rest.get(1..3)?.parse().ok()?;
            month_span(month, month)
        }
        _ if rest.len() == 6 => {
            let day: Date = value.get(..10)?.parse().ok()?;
            Some((day, day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(value: &str) -> Option<(String, String)> {
        interval_of(value).map(|(a, b)| (a.to_string(), b.to_string()))
    }

    #[test]
    fn timex_values_cover_their_days() {
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(days("2022"), pair("2022-01-01", "2022-12-31"));
        assert_eq!(days("2024-02"), pair("2024-02-01", "2024-02-29"));
        assert_eq!(days("2022-11-14"), pair("2022-11-14", "2022-11-14"));
        assert_eq!(days("2022-11-14T09:30"), pair("2022-11-14", "2022-11-14"));
        assert_eq!(days("2018-03-03/2018-03-05"), pair("2018-03-03", "2018-03-05"));
        assert_eq!(days("2024-W47"), pair("2024-11-18", "2024-11-24"));
        assert_eq!(days("2024-Q2"), pair("2024-04-01", "2024-06-30"));
        assert_eq!(days("2023-WI"), pair("2023-12-01", "2024-02-29"));
        assert_eq!(days("PRESENT_REF"), None);
        assert_eq!(days("P2D"), None);
        assert_eq!(days("2024-13"), None);
    }
}
