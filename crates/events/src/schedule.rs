//! Schedules: `rate(...)` from a [`Duration`] and `cron(...)` from typed
//! fields, checked as EventBridge checks them.

use rcdk_core::Duration;

/// When a scheduled rule runs.
///
/// ```
/// use rcdk_core::Duration;
/// use rcdk_events::{Cron, Schedule};
/// assert_eq!(Schedule::rate(Duration::minutes(5)).expression(), Ok("rate(5 minutes)".to_owned()));
/// assert_eq!(Schedule::rate(Duration::hours(1)).expression(), Ok("rate(1 hour)".to_owned()));
/// assert_eq!(Schedule::cron(Cron { minute: "0".into(), hour: "3".into(), ..Cron::default() }).expression(), Ok("cron(0 3 * * ? *)".to_owned()));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Schedule {
    /// Every `Duration` (whole minutes, at least one).
    Rate(Duration),
    /// At the times a cron expression names.
    Cron(Cron),
}

/// The fields of an EventBridge cron expression; unset fields match every
/// value (`*`), and one of `day` and `week_day` must be `?`.
#[derive(Clone, Debug, PartialEq)]
pub struct Cron {
    /// Minutes (0-59).
    pub minute: String,
    /// Hours (0-23, UTC).
    pub hour: String,
    /// Day of month (1-31), or `?` when `week_day` is set.
    pub day: String,
    /// Month (1-12 or JAN-DEC).
    pub month: String,
    /// Day of week (1-7 or SUN-SAT), or `?` when `day` is set.
    pub week_day: String,
    /// Year.
    pub year: String,
}

impl Default for Cron {
    fn default() -> Self {
        Cron {
            minute: "*".into(),
            hour: "*".into(),
            day: "*".into(),
            month: "*".into(),
            week_day: "?".into(),
            year: "*".into(),
        }
    }
}

impl Schedule {
    /// Every `every`.
    ///
    /// ```
    /// let s = rcdk_events::Schedule::rate(rcdk_core::Duration::days(1));
    /// assert_eq!(s.expression().unwrap(), "rate(1 day)");
    /// ```
    pub fn rate(every: Duration) -> Schedule {
        Schedule::Rate(every)
    }

    /// At the times `cron` names.
    ///
    /// ```
    /// use rcdk_events::{Cron, Schedule};
    /// let s = Schedule::cron(Cron { minute: "30".into(), hour: "9".into(), day: "?".into(), week_day: "MON-FRI".into(), ..Cron::default() });
    /// assert_eq!(s.expression().unwrap(), "cron(30 9 ? * MON-FRI *)");
    /// ```
    pub fn cron(cron: Cron) -> Schedule {
        Schedule::Cron(cron)
    }

    /// The `ScheduleExpression`, or why EventBridge would refuse it.
    pub fn expression(&self) -> Result<String, String> {
        match self {
            Schedule::Rate(every) => rate_expression(*every),
            Schedule::Cron(c) => cron_expression(c),
        }
    }
}

fn rate_expression(every: Duration) -> Result<String, String> {
    let minutes = every.to_minutes().filter(|m| *m >= 1).ok_or_else(|| {
        format!("a rate of {every} is not a whole number of minutes, at least one; EventBridge schedules to the minute")
    })?;
    let (n, unit) = if minutes % (24 * 60) == 0 {
        (minutes / (24 * 60), "day")
    } else if minutes % 60 == 0 {
        (minutes / 60, "hour")
    } else {
        (minutes, "minute")
    };
    Ok(format!("rate({n} {unit}{})", if n == 1 { "" } else { "s" }))
}

fn cron_expression(c: &Cron) -> Result<String, String> {
    let fields = [&c.minute, &c.hour, &c.day, &c.month, &c.week_day, &c.year];
    if let Some(bad) = fields.iter().find(|f| f.is_empty() || f.contains(char::is_whitespace)) {
        return Err(format!(
            "cron field {bad:?} is empty or has spaces; write each field without spaces, * for every value"
        ));
    }
    if (c.day == "?") == (c.week_day == "?") {
        return Err(format!(
            "cron day {:?} and week_day {:?}: exactly one of them must be ?, as EventBridge cannot match both a day of month and a day of week",
            c.day, c.week_day
        ));
    }
    Ok(format!(
        "cron({} {} {} {} {} {})",
        c.minute, c.hour, c.day, c.month, c.week_day, c.year
    ))
}
