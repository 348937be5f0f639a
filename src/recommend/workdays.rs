//! The working-day calendar deadlines are placed on: Monday to Friday, minus the
//! public holidays, plus the weekend days worked in exchange (调休上班), as the State
//! Council announces them each year. Pure.
//!
//! The default list is the 2026 arrangement: 《国务院办公厅关于2026年部分节假日安排的通知》
//! (国务院办公厅, 2025年11月4日, published by 新华社 the same day). A year the settings do
//! not list counts weekends only, and [`WorkCalendar::covers`] says so, so a report can
//! tell the reader which deadlines rest on an incomplete calendar.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

/// The holidays of 2026 (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节) as inclusive ranges.
const HOLIDAYS_2026: [((u32, u32), (u32, u32)); 7] = [
    ((1, 1), (1, 3)),
    ((2, 15), (2, 23)),
    ((4, 4), (4, 6)),
    ((5, 1), (5, 5)),
    ((6, 19), (6, 21)),
    ((9, 25), (9, 27)),
    ((10, 1), (10, 7)),
];

/// The weekend days worked in 2026 (调休上班).
const ADJUSTED_WORKDAYS_2026: [(u32, u32); 6] =
    [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)];

/// The citation of the default calendar, as a person writes it in a 交办单.
pub const DEFAULT_SOURCE: &str =
    "《国务院办公厅关于2026年部分节假日安排的通知》（国务院办公厅，2025年11月4日）";

/// `[workdays]` in fingertip.toml: the holidays and adjusted workdays of the years the
/// audit's deadlines fall in. Omitted lists take the 2026 default.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkdaySettings {
    /// Public holidays (放假日), `YYYY-MM-DD`.
    pub holidays: Option<Vec<NaiveDate>>,
    /// Weekend days that are worked (调休上班), `YYYY-MM-DD`.
    pub adjusted_workdays: Option<Vec<NaiveDate>>,
    /// Where the lists come from (shown with the deadlines); the default cites the
    /// State Council's 2026 notice.
    pub source: Option<String>,
}

/// A working-day calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
    adjusted_workdays: BTreeSet<NaiveDate>,
    /// Where the lists come from.
    pub source: String,
}

impl Default for WorkCalendar {
    fn default() -> Self {
        WorkCalendar::from_settings(&WorkdaySettings::default())
    }
}

fn ymd(year: i32, (month, day): (u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date in the 2026 table")
}

impl WorkCalendar {
    /// The calendar of `settings`, each list defaulting to the 2026 arrangement.
    pub fn from_settings(settings: &WorkdaySettings) -> WorkCalendar {
        let holidays = match &settings.holidays {
            Some(days) => days.iter().copied().collect(),
            None => HOLIDAYS_2026
                .iter()
                .flat_map(|&(from, to)| {
                    ymd(2026, from)
                        .iter_days()
                        .take_while(move |d| *d <= ymd(2026, to))
                })
                .collect(),
        };
        let adjusted_workdays = match &settings.adjusted_workdays {
            Some(days) => days.iter().copied().collect(),
            None => ADJUSTED_WORKDAYS_2026
                .iter()
                .map(|&md| ymd(2026, md))
                .collect(),
        };
        let source = match &settings.source {
            Some(s) if !s.trim().is_empty() => s.trim().to_string(),
            _ if settings.holidays.is_some() || settings.adjusted_workdays.is_some() => {
                "fingertip.toml [workdays]".to_string()
            }
            _ => DEFAULT_SOURCE.to_string(),
        };
        WorkCalendar {
            holidays,
            adjusted_workdays,
            source,
        }
    }

    /// True on a working day: an adjusted workday, or Monday to Friday and not a holiday.
    pub fn is_workday(&self, date: NaiveDate) -> bool {
        if self.adjusted_workdays.contains(&date) {
            return true;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// `date` if it is a working day, else the next working day.
    pub fn on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        // A year has no run of more than a few weeks without a working day; the bound
        // only guards against a settings file that lists every day as a holiday.
        for _ in 0..366 {
            if self.is_workday(day) {
                return day;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => return date,
            }
        }
        date
    }

    /// The deadline `days` calendar days after `from`, moved to the next working day
    /// when it falls on a weekend or holiday.
    pub fn deadline(&self, from: NaiveDate, days: u32) -> Option<NaiveDate> {
        from.checked_add_days(chrono::Days::new(u64::from(days)))
            .map(|d| self.on_or_after(d))
    }

    /// True when the calendar lists holidays or adjusted workdays in `year`; a year it
    /// does not cover counts weekends only.
    pub fn covers(&self, year: i32) -> bool {
        self.holidays
            .iter()
            .chain(&self.adjusted_workdays)
            .any(|d| d.year() == year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_2026_arrangement_is_the_default() {
        let cal = WorkCalendar::default();
        // Holidays, including weekdays inside them.
        for day in [
            "2026-01-01",
            "2026-02-16",
            "2026-02-23",
            "2026-05-05",
            "2026-10-07",
        ] {
            assert!(!cal.is_workday(d(day)), "{day}");
        }
        // Weekend days worked in exchange.
        for day in [
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ] {
            assert!(cal.is_workday(d(day)), "{day}");
        }
        // An ordinary Saturday and Monday.
        assert!(!cal.is_workday(d("2026-11-21")));
        assert!(cal.is_workday(d("2026-11-23")));
        assert!(cal.covers(2026));
        assert!(!cal.covers(2027));
        assert!(cal.source.contains("2026年部分节假日安排"));
    }

    #[test]
    fn deadlines_move_to_the_next_workday() {
        let cal = WorkCalendar::default();
        // 2026-09-20 + 11 days = 10-01, the National Day holiday: next workday 10-08.
        assert_eq!(cal.deadline(d("2026-09-20"), 11), Some(d("2026-10-08")));
        // A Saturday deadline moves to Monday.
        assert_eq!(cal.deadline(d("2026-11-20"), 1), Some(d("2026-11-23")));
        // A weekday stays.
        assert_eq!(cal.deadline(d("2026-11-20"), 3), Some(d("2026-11-23")));
        assert_eq!(cal.deadline(d("2026-11-20"), 4), Some(d("2026-11-24")));
        // Every deadline of a year lands on a workday.
        let mut day = d("2026-01-01");
        while day.year() == 2026 {
            assert!(cal.is_workday(cal.on_or_after(day)), "{day}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn settings_replace_the_lists_and_name_their_source() {
        let s: WorkdaySettings =
            toml::from_str("holidays = [\"2027-01-01\"]\nadjusted_workdays = [\"2027-01-02\"]\n")
                .unwrap();
        let cal = WorkCalendar::from_settings(&s);
        assert!(!cal.is_workday(d("2027-01-01")));
        assert!(cal.is_workday(d("2027-01-02")));
        // The 2026 defaults are replaced, not added to.
        assert!(cal.is_workday(d("2026-10-08")));
        assert!(cal.is_workday(d("2026-10-05")));
        assert_eq!(cal.source, "fingertip.toml [workdays]");
        assert!(toml::from_str::<WorkdaySettings>("bogus = 1").is_err());
    }
}
