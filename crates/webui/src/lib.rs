//! The web media library (`/ui`): the page's static files, embedded in the binary so the
//! server needs nothing beside it, and the stateless session cookie that stands for the
//! private key once a person has signed in. The HTTP routes live in `api::ui`; nothing
//! here knows about HTTP frameworks.

mod assets;
mod session;

pub use assets::{Asset, asset};
pub use session::{SessionError, cookie_name, issue, verify};
