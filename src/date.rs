//! Calendar dates (YYYY-MM-DD), checked for real: 2026-02-30 is refused with the reason.

use std::fmt;

/// A day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// The months' English names, January first (the locale module writes other languages').
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date from its parts, if they make one.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month: month as u8, day: day as u8 })
    }

    /// Read `YYYY-MM-DD`. A date-time keeps only its date part (see [`Date::parse_noting`]
    /// to learn what was dropped). The error says why, in words for people: "February 2026
    /// has 28 days".
    pub fn parse(text: &str) -> Result<Date, String> {
        Date::parse_noting(text).map(|(date, _)| date)
    }

    /// Read a date as [`Date::parse`] does, and say what was odd in how it was written: a
    /// month or day without its leading zero (`2026-1-1`, which YAML reads as text), or a
    /// time of day after it (`2026-03-14T10:00:00`), which a date does not keep.
    pub fn parse_noting(text: &str) -> Result<(Date, Written<'_>), String> {
        Date::parse_said(text).map_err(|message| message.english())
    }

    /// [`Date::parse_noting`], saying why a text is no date as a message of the catalogue.
    pub fn parse_said(text: &str) -> Result<(Date, Written<'_>), crate::messages::Message> {
        use crate::messages::Message;
        let text = text.trim();
        let date_part = text.split(['T', 't', ' ']).next().unwrap_or(text);
        let rest = &text[date_part.len()..];
        let fields: Vec<&str> = date_part.split('-').collect();
        let shape_ok = fields.len() == 3
            && fields[0].len() == 4
            && (1..=2).contains(&fields[1].len())
            && (1..=2).contains(&fields[2].len())
            && fields.iter().all(|f| f.bytes().all(|b| b.is_ascii_digit()))
            && (rest.is_empty() || is_time(&rest[1..]));
        if !shape_ok {
            return Err(Message::new("date.not-a-date").with("value", text));
        }
        let year: i32 = fields[0].parse().map_err(|_| Message::new("date.impossible-year").with("value", text))?;
        let month: u32 = fields[1].parse().unwrap_or(0);
        let day: u32 = fields[2].parse().unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(Message::new("date.no-such-month").with("value", text).with("month", month.to_string()));
        }
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            const NAMES: [&str; 12] = [
                "date.january",
                "date.february",
                "date.march",
                "date.april",
                "date.may",
                "date.june",
                "date.july",
                "date.august",
                "date.september",
                "date.october",
                "date.november",
                "date.december",
            ];
            return Err(Message::new("date.no-such-day")
                .with("value", text)
                .phrase("month", Message::new(NAMES[month as usize - 1]))
                .with("year", year.to_string())
                .count("n", u64::from(max)));
        }
        let written =
            Written { unpadded: fields[1].len() < 2 || fields[2].len() < 2, time: (!rest.is_empty()).then_some(rest) };
        Ok((Date { year, month: month as u8, day: day as u8 }, written))
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.month as u32
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u32 {
        self.day as u32
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The same day `months` months later, or the month's last day if it is shorter
    /// (2026-01-31 plus one month is 2026-02-28).
    pub fn add_months(self, months: u32) -> Date {
        let total = self.year as i64 * 12 + (self.month as i64 - 1) + months as i64;
        let year = total.div_euclid(12) as i32;
        let month = (total.rem_euclid(12) + 1) as u32;
        let day = u32::from(self.day).min(days_in_month(year, month));
        Date { year, month: month as u8, day: day as u8 }
    }

    /// Today, in UTC, or the day given by `SOURCE_DATE_EPOCH` (seconds since 1970) when it is
    /// set, so that builds can be reproduced exactly.
    pub fn today() -> Date {
        let seconds =
            std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs() as i64)
                    .unwrap_or(0)
            });
        Date::from_days_since_epoch(seconds.div_euclid(86_400))
    }

    /// "14 March 2026".
    pub fn long_form(self) -> String {
        // Pushed rather than formatted: every dated value of every profile is shown this way.
        let month = MONTHS[self.month as usize - 1];
        let mut text = String::with_capacity(month.len() + 12);
        text.push_str(itoa::Buffer::new().format(self.day));
        text.push(' ');
        text.push_str(month);
        text.push(' ');
        text.push_str(itoa::Buffer::new().format(self.year));
        text
    }
}

/// What was odd in how a date was written, though it was read as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written<'a> {
    /// The month or the day lacks its leading zero: `2026-1-1`.
    pub unpadded: bool,
    /// The time of day written after the date, with the `T` or space before it
    /// (`T10:00:00`), which the date does not keep.
    pub time: Option<&'a str>,
}

/// True for a time of day as YAML and TOML write it: `10:00`, `10:00:00`, `10:00:00.5`,
/// each optionally followed by `Z` or an offset (`+01:00`, ` -5`).
fn is_time(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let (clock, zone) = match text.find(['Z', 'z', '+', '-']) {
        Some(at) => (&text[..at], &text[at..]),
        None => (text, ""),
    };
    let clock = clock.trim_end();
    let (clock, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let parts: Vec<&str> = clock.split(':').collect();
    let clock_ok = (2..=3).contains(&parts.len())
        && parts.iter().enumerate().all(|(i, p)| digits(p, 2) || (i == 0 && digits(p, 1)))
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit());
    let zone_ok = match zone.as_bytes().first() {
        None => true,
        Some(b'Z' | b'z') => zone.len() == 1,
        Some(_) => {
            let (hours, minutes) = zone[1..].split_once(':').unwrap_or((&zone[1..], "00"));
            (digits(hours, 1) || digits(hours, 2)) && digits(minutes, 2)
        }
    };
    clock_ok && zone_ok
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Digits placed by hand: every date of every profile goes into the exports this way.
        if (0..=9999).contains(&self.year) {
            let digit = |n: u32| b'0' + (n % 10) as u8;
            let (y, m, d) = (self.year as u32, u32::from(self.month), u32::from(self.day));
            let text = [
                digit(y / 1000),
                digit(y / 100),
                digit(y / 10),
                digit(y),
                b'-',
                digit(m / 10),
                digit(m),
                b'-',
                digit(d / 10),
                digit(d),
            ];
            return f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?);
        }
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(Date::parse("2026-02-30").unwrap_err(), "`2026-02-30` is not a date: February 2026 has 28 days");
        assert_eq!(Date::parse("2026-13-01").unwrap_err(), "`2026-13-01` is not a date: there is no month 13");
        assert!(Date::parse("14/03/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn toml_datetimes_keep_their_date() {
        assert_eq!(Date::parse("2026-03-14T10:00:00Z").unwrap().to_string(), "2026-03-14");
        // The digits placed by hand are the formatter's, inside and outside the usual years.
        for year in [-5, 0, 7, 42, 999, 1000, 1999, 2026, 9999, 10_000] {
            for month in 1..=12u8 {
                for day in [1u8, 9, 10, 28, 31] {
                    let date = Date { year, month, day };
                    assert_eq!(date.to_string(), format!("{year:04}-{month:02}-{day:02}"));
                    let long = format!("{day} {} {year}", MONTHS[month as usize - 1]);
                    assert_eq!(date.long_form(), long);
                }
            }
        }
    }

    #[test]
    fn odd_ways_of_writing_a_date_are_noted() {
        let (date, written) = Date::parse_noting("2026-1-1").unwrap();
        assert_eq!((date.to_string().as_str(), written.unpadded, written.time), ("2026-01-01", true, None));
        let (_, written) = Date::parse_noting("2026-03-14").unwrap();
        assert_eq!(written, Written::default());
        for (text, time) in [
            ("2026-03-14T10:00:00", "T10:00:00"),
            ("2026-03-14 10:00", " 10:00"),
            ("2026-03-14t9:30:00.25Z", "t9:30:00.25Z"),
            ("2026-03-14T10:00:00+01:00", "T10:00:00+01:00"),
            ("2026-03-14 10:00:00 -5", " 10:00:00 -5"),
        ] {
            let (date, written) = Date::parse_noting(text).unwrap();
            assert_eq!((date.to_string().as_str(), written.time), ("2026-03-14", Some(time)), "{text}");
        }
        // Whatever follows a date must be a time: anything else is not a date.
        for text in ["2026-03-14 (about)", "2026-03-14T", "2026-03-14Tnoon", "2026-03-14 10", "2026-03-14T10:00+1:0"] {
            assert!(Date::parse(text).unwrap_err().contains("YYYY-MM-DD"), "{text}");
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        for text in ["1970-01-01", "2000-02-29", "2026-11-22", "1969-12-31"] {
            let d = Date::parse(text).unwrap();
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        }
        assert_eq!(Date::parse("1970-01-02").unwrap().days_since_epoch(), 1);
    }

    #[test]
    fn months_are_added_to_the_calendar() {
        assert_eq!(Date::parse("2026-01-31").unwrap().add_months(1).to_string(), "2026-02-28");
        assert_eq!(Date::parse("2025-11-15").unwrap().add_months(14).to_string(), "2027-01-15");
    }
}
