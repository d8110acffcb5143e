//! IPv4 CIDR blocks, parsed and split in Rust so templates carry literal,
//! reviewable subnet ranges.

use std::fmt;

/// An IPv4 CIDR block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    /// The network address.
    pub address: u32,
    /// The prefix length.
    pub prefix: u8,
}

impl Cidr {
    /// Parses `a.b.c.d/n`; the address must be the network's first address.
    ///
    /// ```
    /// use rcdk_network::Cidr;
    /// assert!(Cidr::parse("10.0.0.0/16").is_ok());
    /// assert!(Cidr::parse("10.0.0.1/16").unwrap_err().contains("10.0.0.0/16"));
    /// ```
    pub fn parse(s: &str) -> Result<Cidr, String> {
        let bad = || format!("{s:?} is not an IPv4 CIDR block like 10.0.0.0/16");
        let (addr, prefix) = s.split_once('/').ok_or_else(bad)?;
        let prefix: u8 = prefix.parse().map_err(|_| bad())?;
        let octets: Vec<u8> = addr
            .split('.')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        if octets.len() != 4 || prefix > 32 {
            return Err(bad());
        }
        let address = octets.iter().fold(0u32, |a, o| (a << 8) | u32::from(*o));
        let cidr = Cidr {
            address: address & mask(prefix),
            prefix,
        };
        if cidr.address != address {
            return Err(format!("{s:?} has host bits set; did you mean {cidr}?"));
        }
        Ok(cidr)
    }

    /// Splits the block into `count` equal subnets (the smallest prefix that fits).
    pub fn split(self, count: u32) -> Result<Vec<Cidr>, String> {
        let bits = u8::try_from(32 - count.max(1).saturating_sub(1).leading_zeros()).unwrap_or(32);
        let prefix = self.prefix + bits;
        if prefix > 28 {
            return Err(format!(
                "{self} is too small for {count} subnets of at least /28; use a /{} block or larger, or fewer availability zones",
                28 - bits
            ));
        }
        Ok((0..count)
            .map(|i| Cidr {
                address: self.address + (i << (32 - prefix)),
                prefix,
            })
            .collect())
    }

    /// True when the blocks share an address.
    pub fn overlaps(self, other: Cidr) -> bool {
        let p = self.prefix.min(other.prefix);
        self.address & mask(p) == other.address & mask(p)
    }
}

fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.address.to_be_bytes();
        write!(f, "{}.{}.{}.{}/{}", a[0], a[1], a[2], a[3], self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_evenly() {
        let c = Cidr::parse("10.0.0.0/16").unwrap();
        let s: Vec<String> = c.split(4).unwrap().iter().map(ToString::to_string).collect();
        assert_eq!(s, ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"]);
        assert_eq!(c.split(6).unwrap()[5].to_string(), "10.0.160.0/19");
    }

    #[test]
    fn rejects_bad_blocks() {
        assert!(Cidr::parse("10.0.0/16").is_err());
        assert!(Cidr::parse("10.0.0.256/16").is_err());
        assert!(Cidr::parse("10.0.0.0/33").is_err());
        assert!(Cidr::parse("10.0.0.0/27").unwrap().split(4).is_err());
    }

    #[test]
    fn overlaps() {
        let a = Cidr::parse("10.0.0.0/16").unwrap();
        assert!(a.overlaps(Cidr::parse("10.0.4.0/24").unwrap()));
        assert!(!a.overlaps(Cidr::parse("10.1.0.0/16").unwrap()));
    }
}
