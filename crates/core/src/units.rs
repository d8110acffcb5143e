//! Durations and sizes, so props say `Duration::minutes(5)` and
//! `Size::gibibytes(1)` instead of a bare number in a unit the reader has to
//! guess. Each L2 converts to the unit its property takes and reports a value
//! that does not convert exactly (90 seconds as whole minutes) as an error.

use std::fmt;

/// A span of time, exact to the millisecond.
///
/// ```
/// use rcdk_core::Duration;
/// assert_eq!(Duration::minutes(2).to_seconds(), Some(120));
/// assert_eq!(Duration::seconds(90).to_minutes(), None);
/// assert_eq!(Duration::hours(36).to_string(), "36 hours");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    millis: u64,
}

const SECOND: u64 = 1_000;
const MINUTE: u64 = 60 * SECOND;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

impl Duration {
    /// `n` milliseconds.
    pub const fn millis(n: u64) -> Duration {
        Duration { millis: n }
    }

    /// `n` seconds.
    pub const fn seconds(n: u64) -> Duration {
        Duration::millis(n.saturating_mul(SECOND))
    }

    /// `n` minutes.
    pub const fn minutes(n: u64) -> Duration {
        Duration::millis(n.saturating_mul(MINUTE))
    }

    /// `n` hours.
    pub const fn hours(n: u64) -> Duration {
        Duration::millis(n.saturating_mul(HOUR))
    }

    /// `n` days.
    pub const fn days(n: u64) -> Duration {
        Duration::millis(n.saturating_mul(DAY))
    }

    /// Whole milliseconds.
    pub const fn to_millis(self) -> u64 {
        self.millis
    }

    /// Whole seconds, or `None` if the duration is not a whole number of them.
    pub const fn to_seconds(self) -> Option<u64> {
        self.whole(SECOND)
    }

    /// Whole minutes, or `None` if the duration is not a whole number of them.
    pub const fn to_minutes(self) -> Option<u64> {
        self.whole(MINUTE)
    }

    /// Whole days, or `None` if the duration is not a whole number of them.
    pub const fn to_days(self) -> Option<u64> {
        self.whole(DAY)
    }

    const fn whole(self, unit: u64) -> Option<u64> {
        if self.millis % unit == 0 {
            Some(self.millis / unit)
        } else {
            None
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [(DAY, "day"), (HOUR, "hour"), (MINUTE, "minute"), (SECOND, "second")];
        let (n, unit) = units
            .iter()
            .find(|(u, _)| self.millis != 0 && self.millis % u == 0)
            .map_or((self.millis, "millisecond"), |(u, name)| (self.millis / u, *name));
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

/// An amount of data, exact to the byte, in binary units.
///
/// ```
/// use rcdk_core::Size;
/// assert_eq!(Size::gibibytes(2).to_mebibytes(), Some(2048));
/// assert_eq!(Size::kibibytes(1).to_mebibytes(), None);
/// assert_eq!(Size::mebibytes(512).to_string(), "512 MiB");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Size {
    bytes: u64,
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

impl Size {
    /// `n` bytes.
    pub const fn bytes(n: u64) -> Size {
        Size { bytes: n }
    }

    /// `n` KiB.
    pub const fn kibibytes(n: u64) -> Size {
        Size::bytes(n.saturating_mul(KIB))
    }

    /// `n` MiB.
    pub const fn mebibytes(n: u64) -> Size {
        Size::bytes(n.saturating_mul(MIB))
    }

    /// `n` GiB.
    pub const fn gibibytes(n: u64) -> Size {
        Size::bytes(n.saturating_mul(GIB))
    }

    /// Whole bytes.
    pub const fn to_bytes(self) -> u64 {
        self.bytes
    }

    /// Whole KiB, or `None` if the size is not a whole number of them.
    pub const fn to_kibibytes(self) -> Option<u64> {
        if self.bytes % KIB == 0 {
            Some(self.bytes / KIB)
        } else {
            None
        }
    }

    /// Whole MiB, or `None` if the size is not a whole number of them.
    pub const fn to_mebibytes(self) -> Option<u64> {
        if self.bytes % MIB == 0 {
            Some(self.bytes / MIB)
        } else {
            None
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")];
        match units.iter().find(|(u, _)| self.bytes != 0 && self.bytes % u == 0) {
            Some((u, name)) => write!(f, "{} {name}", self.bytes / u),
            None => write!(f, "{} bytes", self.bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_convert_only_exactly() {
        assert_eq!(Duration::days(1).to_seconds(), Some(86_400));
        assert_eq!(Duration::millis(1500).to_seconds(), None);
        assert_eq!(Duration::hours(48).to_days(), Some(2));
        assert_eq!(Duration::millis(1500).to_string(), "1500 milliseconds");
        assert_eq!(Duration::minutes(1).to_string(), "1 minute");
        assert_eq!(Duration::default().to_string(), "0 milliseconds");
        assert!(Duration::seconds(59) < Duration::minutes(1));
    }

    #[test]
    fn sizes_convert_only_exactly() {
        assert_eq!(Size::mebibytes(3).to_kibibytes(), Some(3072));
        assert_eq!(Size::bytes(1000).to_kibibytes(), None);
        assert_eq!(Size::bytes(1000).to_string(), "1000 bytes");
        assert_eq!(Size::gibibytes(u64::MAX).to_bytes(), u64::MAX);
    }
}
