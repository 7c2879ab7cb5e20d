//! Which addresses a URL upload may reach: by default only public unicast ones, checked
//! after DNS resolution and again on every redirect (the fetch is pinned to the checked
//! address, so a second DNS answer cannot swap it). An allow-list opens chosen private
//! hosts or networks, e.g. an internal image store.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use ipnet::IpNet;

/// Why an address is not public, in words for the refusal; `None` for a public address.
pub fn non_public_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_kind(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => v4_kind(v4).map(|_| "IPv4-in-IPv6 form of a non-public"),
            None => v6_kind(v6),
        },
    }
}

pub fn is_public(ip: IpAddr) -> bool {
    non_public_kind(ip).is_none()
}

fn v4_kind(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    let kind = if ip.is_loopback() {
        "loopback"
    } else if ip.is_private() {
        "private"
    } else if ip.is_link_local() {
        "link-local"
    } else if ip.is_unspecified() || a == 0 {
        "unspecified"
    } else if a == 100 && (64..128).contains(&b) {
        "shared (CGNAT)"
    } else if ip.is_multicast() {
        "multicast"
    } else if ip.is_broadcast() || a >= 240 {
        "reserved"
    } else if ip.is_documentation() || (a == 198 && (b == 18 || b == 19)) || (a == 192 && b == 0) {
        "special-purpose"
    } else {
        return None;
    };
    Some(kind)
}

fn v6_kind(ip: Ipv6Addr) -> Option<&'static str> {
    let [first, second, ..] = ip.segments();
    let kind = if ip.is_loopback() {
        "loopback"
    } else if ip.is_unspecified() {
        "unspecified"
    } else if ip.is_multicast() {
        "multicast"
    } else if (first & 0xfe00) == 0xfc00 {
        "unique-local"
    } else if (first & 0xffc0) == 0xfe80 {
        "link-local"
    } else if (first & 0xffc0) == 0xfec0 {
        "site-local"
    } else if first == 0x2001 && (second == 0x0db8 || second == 0) {
        "special-purpose"
    } else {
        return None;
    };
    Some(kind)
}

/// The IPv4 address carried inside an IPv6 one, where the kernel or a gateway would turn
/// it into an IPv4 connection: mapped (`::ffff:a.b.c.d`), the old compatible form
/// (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) and 6to4 (`2002:aabb:ccdd::`).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let low = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    match s {
        [0, 0, 0, 0, 0, 0, ..] if !ip.is_loopback() && !ip.is_unspecified() => Some(low),
        [0x64, 0xff9b, 0, 0, 0, 0, ..] => Some(low),
        [0x2002, hi, lo, ..] => Some(Ipv4Addr::new(
            (hi >> 8) as u8,
            hi as u8,
            (lo >> 8) as u8,
            lo as u8,
        )),
        _ => None,
    }
}

/// Hosts and networks a URL upload may reach although they are not public.
#[derive(Debug, Clone, Default)]
pub struct UrlAllowList {
    entries: Vec<Allowed>,
}

#[derive(Debug, Clone)]
enum Allowed {
    /// A host name or IP literal as written in URLs, with an optional port.
    Host {
        host: String,
        port: Option<u16>,
    },
    Network(IpNet),
}

/// An allow-list entry that is neither a host, `host:port` nor a network.
#[derive(Debug, thiserror::Error)]
#[error("not a host, host:port or network: {0:?}")]
pub struct BadAllowEntry(String);

impl UrlAllowList {
    /// Entries like `images.internal`, `images.internal:8080`, `127.0.0.1:9000`,
    /// `[::1]:9000`, `10.0.0.0/8`.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, BadAllowEntry> {
        let entries = entries
            .iter()
            .map(|e| parse_entry(e.as_ref().trim()))
            .collect::<Result<_, _>>()?;
        Ok(Self { entries })
    }

    /// Whether a fetch of `host` (as in the URL, brackets stripped) on `addr` may go ahead
    /// although `addr` is not public.
    pub fn allows(&self, host: &str, addr: SocketAddr) -> bool {
        self.entries.iter().any(|entry| match entry {
            Allowed::Network(net) => net.contains(&addr.ip()),
            Allowed::Host { host: allowed, port } => {
                let same_host = allowed.eq_ignore_ascii_case(host)
                    || allowed.parse::<IpAddr>().is_ok_and(|ip| ip == addr.ip());
                same_host && port.is_none_or(|p| p == addr.port())
            }
        })
    }
}

fn parse_entry(text: &str) -> Result<Allowed, BadAllowEntry> {
    let bad = || BadAllowEntry(text.to_owned());
    if let Ok(net) = text.parse::<IpNet>() {
        return Ok(Allowed::Network(net));
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Ok(Allowed::Host {
            host: ip.to_string(),
            port: None,
        });
    }
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(Allowed::Host {
            host: addr.ip().to_string(),
            port: Some(addr.port()),
        });
    }
    // A host name: let the URL parser judge it, as it judges the upload's URL.
    let url = url::Url::parse(&format!("http://{text}/")).map_err(|_| bad())?;
    let host = url.host_str().ok_or_else(bad)?;
    if url.path() != "/" || !url.username().is_empty() || text.contains('/') {
        return Err(bad());
    }
    Ok(Allowed::Host {
        host: host.trim_start_matches('[').trim_end_matches(']').to_owned(),
        port: url.port(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_ranges_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
        ] {
            let ip: IpAddr = ip.parse().expect("literal");
            assert!(!is_public(ip), "{ip}");
        }
        for ip in [
            "93.184.216.34",
            "2606:4700::1111",
            "::ffff:93.184.216.34",
            "64:ff9b::5db8:d822",
        ] {
            let ip: IpAddr = ip.parse().expect("literal");
            assert!(is_public(ip), "{ip}");
        }
    }

    #[test]
    fn allow_list_matches_hosts_ports_and_networks() {
        let list = UrlAllowList::parse(&["127.0.0.1:9000", "images.internal", "10.0.0.0/8", "[::1]:81"])
            .expect("valid");
        let at = |s: &str| s.parse::<SocketAddr>().expect("addr");
        assert!(list.allows("127.0.0.1", at("127.0.0.1:9000")));
        assert!(!list.allows("127.0.0.1", at("127.0.0.1:9001")));
        assert!(list.allows("images.internal", at("192.168.0.5:443")));
        assert!(list.allows("anything", at("10.9.8.7:80")));
        assert!(list.allows("::1", at("[::1]:81")));
        assert!(!list.allows("localhost", at("[::1]:82")));
        for bad in ["http://x/", "a b", "10.0.0.0/33", "x/y"] {
            assert!(UrlAllowList::parse(&[bad]).is_err(), "{bad}");
        }
    }
}
