//! Displayed dates, formatted with ICU4X's CLDR data for the site's locale. Only dates
//! people read: `datetime=` attributes, feeds and the sitemap stay ISO 8601 / RFC.

use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{M, YMD};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_locale_core::Locale;
use rustc_hash::FxHashMap;
use std::sync::Mutex;

pub struct Dates {
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, M>,
    /// Days already formatted: a build shows each story's date on several pages, and ICU
    /// takes some 3,000 instructions a date.
    days: Mutex<FxHashMap<jiff::civil::Date, String>>,
}

impl Dates {
    /// Formatters for `locale`; ICU falls back along the locale's parents (`de-AT` to `de`).
    pub fn new(locale: &Locale) -> Dates {
        let prefs = locale.into();
        Dates {
            day: FixedCalendarDateTimeFormatter::try_new(prefs, YMD::long())
                .expect("compiled date data for every locale"),
            month: FixedCalendarDateTimeFormatter::try_new(prefs, M::long())
                .expect("compiled date data for every locale"),
            days: Mutex::default(),
        }
    }

    /// `30 May 2024`, `30. Mai 2024`, `2024年5月30日`.
    pub fn day(&self, d: jiff::civil::Date) -> String {
        let mut days = self.days.lock().unwrap_or_else(|e| e.into_inner());
        days.entry(d)
            .or_insert_with(|| self.day.format(&gregorian(d)).to_string())
            .clone()
    }

    /// The month's name standing alone: `May`, `maj` (Polish: not `maja`, as in a date),
    /// `5月`. (ICU 2.4's year-month formats debug-panic for `pt`; our tables place the year.)
    pub fn month(&self, d: jiff::civil::Date) -> String {
        self.month.format(&gregorian(d)).to_string()
    }
}

fn gregorian(d: jiff::civil::Date) -> Date<Gregorian> {
    // jiff's dates are valid proleptic Gregorian dates, years -9999..=9999.
    Date::try_new_gregorian(i32::from(d.year()), d.month() as u8, d.day() as u8)
        .expect("a valid calendar date")
}
