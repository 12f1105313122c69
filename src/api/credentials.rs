//! The two ways Kestra's API accepts to authenticate a request.

/// What the signed-in user proved who they are with.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// HTTP basic auth with a username (an email since Kestra 2.0) and a password.
    Basic { username: String, password: String },
    /// An API token, sent as a bearer token.
    Token(String),
}

impl Credentials {
    /// The value of the `Authorization` header.
    pub fn authorization(&self) -> String {
        match self {
            Credentials::Basic { username, password } => {
                format!(
                    "Basic {}",
                    base64(format!("{username}:{password}").as_bytes())
                )
            }
            Credentials::Token(token) => format!("Bearer {}", token.trim()),
        }
    }
}

// Debug must never print a secret: credentials end up in panics and logs otherwise.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Basic { username, .. } => write!(f, "Basic({username}, ***)"),
            Credentials::Token(_) => write!(f, "Token(***)"),
        }
    }
}

/// Standard base64 with padding. `window.btoa` would do, but it rejects non-Latin-1 text,
/// and passwords may hold any character.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_encodes_utf8_like_rfc_7617() {
        let creds = Credentials::Basic {
            username: "Aladdin".into(),
            password: "open sesame".into(),
        };
        assert_eq!(creds.authorization(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let creds = Credentials::Basic {
            username: "é".into(),
            password: "ü".into(),
        };
        assert_eq!(creds.authorization(), "Basic w6k6w7w=");
    }

    #[test]
    fn base64_pads_every_remainder() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
    }

    #[test]
    fn tokens_are_sent_as_bearer_and_never_debug_printed() {
        let creds = Credentials::Token(" abc123 ".into());
        assert_eq!(creds.authorization(), "Bearer abc123");
        assert_eq!(format!("{creds:?}"), "Token(***)");
        let basic = Credentials::Basic {
            username: "u".into(),
            password: "secret".into(),
        };
        assert!(!format!("{basic:?}").contains("secret"));
    }
}
